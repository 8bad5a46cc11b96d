print("criticality-bench: not yet implemented")
