print("markdown-bench: not yet implemented")
