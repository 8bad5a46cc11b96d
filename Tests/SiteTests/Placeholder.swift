import Testing

@Test func SiteTestsPlaceholder() { #expect(Bool(true)) }
