import Testing

@Test func MarkdownTestsPlaceholder() { #expect(Bool(true)) }
