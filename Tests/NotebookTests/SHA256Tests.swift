import Testing

@testable import NotebookWire

/// FIPS 180-4's SHA-256 against its published test vectors, and against itself fed in pieces:
/// the cache keys of every chapter and memo are these digests.
struct SHA256Tests {
  @Test(
    arguments: [
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
      (
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
      ),
    ])
  func publishedVectors(message: String, digest: String) {
    #expect(SHA256.hash(message) == digest)
  }

  @Test func aMillionAs() {
    let message = String(repeating: "a", count: 1_000_000)
    #expect(SHA256.hash(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// Any split of the input into `update` calls, contiguous or not, gives the one-shot digest.
  @Test(arguments: [1, 3, 55, 56, 63, 64, 65, 127, 1000])
  func piecesGiveTheSameDigest(piece: Int) {
    let message = (0..<3001).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    var whole = SHA256()
    whole.update(message)
    let expected = whole.finalize()
    var contiguous = SHA256()
    var sequence = SHA256()
    for start in stride(from: 0, to: message.count, by: piece) {
      let slice = message[start..<min(start + piece, message.count)]
      contiguous.update(Array(slice))
      sequence.update(slice.lazy.map { $0 })  // not contiguous: the byte-by-byte path
    }
    #expect(contiguous.finalize() == expected)
    #expect(sequence.finalize() == expected)
  }
}
