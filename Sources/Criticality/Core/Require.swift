/// Checks how the public API is called. On misuse it stops the program with `message`, which
/// reaches the author: the libraries are compiled with `-O`, where `precondition` drops its
/// message (the author would read only "crashed (signal 4)"), while `fatalError` keeps it. The
/// crash report then names the chapter line that made the call.
func require(
  _ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line
) {
  if !condition { fatalError(message(), file: file, line: line) }
}
