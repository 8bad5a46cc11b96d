import Foundation
import NotebookWire
import Testing

@testable import Notebook

/// `WireReader`: frames are found whatever the chunking, and frames carrying the run's nonce are
/// parsed or dropped, never passed on as printed output.
@Suite struct WireReaderTests {
  let nonce = "0123456789abcdef"

  func frame(_ event: Wire.Event) -> [UInt8] { Wire.frame(event, nonce: nonce) }

  /// The pieces of `stream` fed in chunks of `size`, with adjacent outputs joined.
  func read(_ stream: [UInt8], chunk size: Int) -> [Wire.Piece] {
    var reader = WireReader(nonce: nonce)
    var pieces: [Wire.Piece] = []
    func add(_ piece: Wire.Piece) {
      if case .output(let bytes) = piece, case .output(let previous)? = pieces.last {
        pieces[pieces.count - 1] = .output(previous + bytes)
      } else {
        pieces.append(piece)
      }
    }
    var start = 0
    while start < stream.count {
      reader.feed(Array(stream[start..<min(stream.count, start + size)]), add)
      start += size
    }
    reader.finish(add)
    return pieces
  }

  @Test(arguments: [1, 2, 3, 7, 1000])
  func framesAreFoundAcrossChunks(size: Int) {
    let begin = Wire.Event(kind: .begin, cell: 0)
    let value = Wire.Event(kind: .value, cell: 0, text: "4")
    let stream =
      Array("a\u{1E}b".utf8) + frame(begin) + Array("printed\n".utf8) + frame(value)
      + Array("\u{1E}other:{}\u{1E}".utf8)
    #expect(
      read(stream, chunk: size) == [
        .output(Array("a\u{1E}b".utf8)), .event(begin), .output(Array("printed\n".utf8)), .event(value),
        .output(Array("\u{1E}other:{}\u{1E}".utf8)),
      ])
  }

  @Test(arguments: [1, 5, 1000])
  func brokenFramesWithTheNonceAreDropped(size: Int) {
    let end = Wire.Event(kind: .end, cell: 0)
    // Invalid JSON, then a frame cut off by the next real frame, then one cut off by the end.
    let stream =
      Array("x\u{1E}\(nonce):{not json\u{1E}y".utf8) + Array("\u{1E}\(nonce):{\"kind\":".utf8) + frame(end)
      + Array("z\u{1E}\(nonce):{\"cell\"".utf8)
    #expect(read(stream, chunk: size) == [.output(Array("xy".utf8)), .event(end), .output(Array("z".utf8))])
  }

  /// Text after a broken frame that starts like the nonce is kept (here "01", the nonce's start).
  @Test(arguments: [1, 4, 1000])
  func textAfterABrokenFrameIsKept(size: Int) {
    let stream = Array("x\u{1E}\(nonce):{broken\u{1E}01after".utf8)
    #expect(read(stream, chunk: size) == [.output(Array("x01after".utf8))])
  }
}

/// `RunCollector`: each cell's printed output is capped, and so is the run's.
@Suite struct RunCollectorTests {
  let nonce = "0123456789abcdef"
  func frame(_ kind: Wire.Kind, _ cell: Int) -> [UInt8] {
    Wire.frame(Wire.Event(kind: kind, cell: cell), nonce: nonce)
  }

  @Test func aCellPastItsLimitStopsTheRunAndKeepsOnlyTheLimit() {
    let collector = RunCollector(cellCount: 2, limits: [10, 10], nonce: nonce)
    #expect(collector.stdout(frame(.begin, 0) + Array("12345".utf8)) == .more)
    #expect(collector.stdout(Array("6789012345".utf8)) == .stop)
    #expect(collector.overflow == .cell(0, limit: 10))
    #expect(collector.run().cells[0].stdout == "1234567890")
  }

  @Test func theRunAsAWholeIsCapped() {
    let collector = RunCollector(cellCount: 3, limits: [100, 100, 100], nonce: nonce, cap: 150)
    #expect(collector.stdout(frame(.begin, 0) + Array(repeating: 65, count: 90) + frame(.end, 0)) == .more)
    #expect(collector.stdout(frame(.begin, 1) + Array(repeating: 66, count: 90)) == .stop)
    #expect(collector.overflow == .total(cell: 1))
    // Printing to stderr counts too.
    let errors = RunCollector(cellCount: 1, limits: [100], nonce: nonce)
    #expect(errors.stderr(frame(.begin, 0) + Array(repeating: 67, count: 101)) == .stop)
    #expect(errors.overflow == .cell(0, limit: 100))
  }

  @Test func theFinishFrameMarksARunThatReachedTheEnd() {
    let collector = RunCollector(cellCount: 1, limits: [100], nonce: nonce)
    _ = collector.stdout(frame(.begin, 0) + frame(.end, 0))
    #expect(!collector.finished)
    _ = collector.stdout(frame(.finish, -1))
    #expect(collector.finished)
  }
}
