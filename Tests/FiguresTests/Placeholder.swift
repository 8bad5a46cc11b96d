import Testing

@Test func FiguresTestsPlaceholder() { #expect(Bool(true)) }
