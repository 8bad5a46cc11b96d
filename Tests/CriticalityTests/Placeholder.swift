import Testing

@Test func CriticalityTestsPlaceholder() { #expect(Bool(true)) }
