/// Joins the bytes `wgetch` returns into Unicode scalars, keeping a character whose bytes
/// straddle two drains until the rest arrives. Pure.
///
/// Why chatterm reads bytes and not `wget_wch`: when `wget_wch` (non-blocking) has read the
/// first bytes of a multi-byte character and the rest is not in the terminal's buffer yet, it
/// returns ERR and drops what it had read; the orphaned continuation bytes that follow then
/// never form a character, so it goes on swallowing up to ~144 more bytes before giving up.
/// A large paste arrives in pieces at arbitrary byte offsets, so it lost 100–150 characters
/// per megabyte (ncurses lib_get_wch.c). Here a partial character simply waits.
struct UTF8Assembler: Sendable, Equatable {
    /// Bytes of a character whose remaining bytes have not arrived.
    private(set) var pending: [UInt8] = []
    private var expected = 0

    static let replacement: UInt32 = 0xFFFD

    /// Whether a character is half read.
    var isMidCharacter: Bool { !pending.isEmpty }

    /// Adds one byte; returns the scalars it completes (none, one, or a replacement character
    /// for a broken sequence followed by what the byte starts). Invalid bytes become U+FFFD, so
    /// nothing is silently lost.
    mutating func add(_ byte: UInt8, into output: inout [UInt32]) {
        if expected > 0 {
            if byte & 0xC0 == 0x80 {
                pending.append(byte)
                if pending.count == expected { finishCharacter(into: &output) }
                return
            }
            // The sequence broke off: say so, then read this byte afresh.
            flush(into: &output)
        }
        switch byte {
        case 0x00...0x7F: output.append(UInt32(byte))
        case 0xC2...0xDF: start(byte, length: 2)
        case 0xE0...0xEF: start(byte, length: 3)
        case 0xF0...0xF4: start(byte, length: 4)
        default: output.append(Self.replacement)
        }
    }

    /// A key code interrupted a character: what was read of it becomes U+FFFD.
    mutating func flush(into output: inout [UInt32]) {
        guard !pending.isEmpty else { return }
        pending = []
        expected = 0
        output.append(Self.replacement)
    }

    private mutating func start(_ byte: UInt8, length: Int) {
        pending = [byte]
        expected = length
    }

    private mutating func finishCharacter(into output: inout [UInt32]) {
        let bytes = pending
        pending = []
        expected = 0
        // Overlong forms, surrogates and values past U+10FFFF decode to U+FFFD here.
        let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value)
        output.append(contentsOf: scalars)
    }
}
