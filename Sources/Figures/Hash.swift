/// 64-bit FNV-1a hash of the UTF-8 bytes of `text`: the deterministic source of the ids
/// inside a figure's SVG (clip paths), so that several figures inlined in one page do not
/// clash and the same figure always gets the same ids.
func fnv1a(_ text: String) -> UInt64 {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for byte in text.utf8 {
    hash ^= UInt64(byte)
    hash = hash &* 0x0000_0100_0000_01b3
  }
  return hash
}

/// A short id prefix `f` + 12 hex digits derived from `text`.
func idPrefix(for text: String) -> String {
  let hex = String(fnv1a(text) & 0xffff_ffff_ffff, radix: 16)
  return "f" + String(repeating: "0", count: 12 - hex.count) + hex
}
