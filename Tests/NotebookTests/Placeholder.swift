import Testing

@Test func NotebookTestsPlaceholder() { #expect(Bool(true)) }
