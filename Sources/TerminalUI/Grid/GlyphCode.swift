import Foundation

/// What a cell shows, in four bytes: a grapheme of one scalar is that scalar's value; a
/// grapheme of several (a letter with combining marks, an emoji with a modifier) is an id in
/// `GraphemeTable.shared` with the top bit set. Cells and glyphs hold this instead of a
/// `String`, so a frame copies, compares and hashes plain integers: no allocation, no
/// reference counting, no Unicode-aware comparison per cell.
public struct GlyphCode: Sendable, Equatable, Hashable {
    public let rawValue: UInt32

    static let internedBit: UInt32 = 0x8000_0000

    public static let space = GlyphCode(rawValue: 0x20)
    /// The right half of a wide grapheme: nothing of its own.
    public static let empty = GlyphCode(rawValue: 0)

    init(rawValue: UInt32) { self.rawValue = rawValue }

    public init(_ scalar: Unicode.Scalar) { rawValue = scalar.value }

    /// The code for `text`: one grapheme as the sanitizer leaves it ("" is `empty`).
    public init(_ text: String) {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else {
            self = .empty
            return
        }
        if scalars.next() == nil {
            rawValue = first.value
        } else {
            rawValue = Self.internedBit | GraphemeTable.shared.id(for: text)
        }
    }

    /// The single scalar, when the grapheme is one (the common case; no table look-up).
    public var scalar: Unicode.Scalar? {
        rawValue & Self.internedBit == 0 && rawValue != 0 ? Unicode.Scalar(rawValue) : nil
    }

    public var text: String {
        if rawValue & Self.internedBit != 0 { return GraphemeTable.shared.text(for: rawValue & ~Self.internedBit) }
        guard rawValue != 0, let scalar = Unicode.Scalar(rawValue) else { return "" }
        return String(scalar)
    }
}

/// Graphemes of more than one scalar, each stored once for the life of the process and named
/// by a small id. Shared (cells cross from the renderer to the blit) and locked; only looked up
/// for the rare multi-scalar grapheme, never for plain text.
// safe: `lock` guards `ids` and `texts`, the only mutable fields.
final class GraphemeTable: @unchecked Sendable {
    static let shared = GraphemeTable()

    private let lock = NSLock()
    private var ids: [String: UInt32] = [:]
    private var texts: [String] = []

    func id(for text: String) -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[text] { return id }
        // 2^31 distinct graphemes would take hundreds of GiB of text first; cap anyway.
        guard texts.count < Int(GlyphCode.internedBit - 1) else { return 0xFFFD & ~GlyphCode.internedBit }
        let id = UInt32(texts.count)
        texts.append(text)
        ids[text] = id
        return id
    }

    func text(for id: UInt32) -> String {
        lock.lock()
        defer { lock.unlock() }
        return Int(id) < texts.count ? texts[Int(id)] : "\u{FFFD}"
    }
}
