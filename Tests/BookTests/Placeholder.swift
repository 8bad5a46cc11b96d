import Testing

@Test func BookTestsPlaceholder() { #expect(Bool(true)) }
