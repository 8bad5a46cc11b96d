import Bibliography
import Testing

@Suite("Author names")
struct NameTests {
  @Test(
    "Each name form splits into first, von, last and jr",
    arguments: [
      ("Roberts, Daniel A.", PersonName(first: "Daniel A.", last: "Roberts")),
      ("Daniel A. Roberts", PersonName(first: "Daniel A.", last: "Roberts")),
      ("Ludwig van Beethoven", PersonName(first: "Ludwig", von: "van", last: "Beethoven")),
      ("van Beethoven, Ludwig", PersonName(first: "Ludwig", von: "van", last: "Beethoven")),
      (
        "Johannes Diderik van der Waals", PersonName(first: "Johannes Diderik", von: "van der", last: "Waals")
      ),
      ("de la Fontaine, Jean", PersonName(first: "Jean", von: "de la", last: "Fontaine")),
      ("Ford, Jr., Henry", PersonName(first: "Henry", last: "Ford", jr: "Jr.")),
      ("von Neumann, Jr, John", PersonName(first: "John", von: "von", last: "Neumann", jr: "Jr")),
      ("{World Health Organization}", PersonName(last: "World Health Organization")),
      ("Zavatone-Veth, Jacob A.", PersonName(first: "Jacob A.", last: "Zavatone-Veth")),
      ("Jacob A. Zavatone-Veth", PersonName(first: "Jacob A.", last: "Zavatone-Veth")),
      ("Kurt G{\\\"o}del", PersonName(first: "Kurt", last: "Gödel")),
      ("Hongler, Cl{\\'e}ment", PersonName(first: "Clément", last: "Hongler")),
      ("Paul Erd\\H{o}s", PersonName(first: "Paul", last: "Erdős")),
      ("{\\'E}mile Borel", PersonName(first: "Émile", last: "Borel")),
      ("D.~A. Roberts", PersonName(first: "D. A.", last: "Roberts")),
      ("{van Dyk}, David", PersonName(first: "David", last: "van Dyk")),
      ("Aristotle", PersonName(last: "Aristotle")),
    ])
  func forms(raw: String, expected: PersonName) {
    #expect(NameList(bibtex: raw).names == [expected])
  }

  @Test func andSeparatesNamesOutsideBracesOnly() {
    let list = NameList(bibtex: "Roberts, Daniel A. and Sho Yaida AND Hanin, Boris and {Barnes and Noble}")
    #expect(list.names.map(\.surname) == ["Roberts", "Yaida", "Hanin", "Barnes and Noble"])
    #expect(!list.hasOthers)
    // "and" inside a word is no separator.
    #expect(
      NameList(bibtex: "Sandy Anderson and Andrea Candela").names.map(\.last) == ["Anderson", "Candela"])
  }

  @Test func andOthers() {
    let list = NameList(bibtex: "Cohen, Jeremy M. and others")
    #expect(list.names.map(\.last) == ["Cohen"])
    #expect(list.hasOthers)
  }

  @Test(
    "Initials",
    arguments: [
      ("Daniel A.", "D. A."), ("Jean-Pierre", "J.-P."), ("D.A.", "D. A."), ("J. Zico", "J. Z."), ("", ""),
      ("Émile", "É."),
    ])
  func initials(first: String, expected: String) {
    #expect(PersonName(first: first, last: "X").initials == expected)
  }
}
