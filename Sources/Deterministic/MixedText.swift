/// Text like a large real paste, from a seed: ASCII words, CJK, emoji (with modifiers and a
/// ZWJ family), accented letters, tabs and line breaks, so every UTF-8 length (1 to 4 bytes)
/// and multi-scalar graphemes occur often. For the paste tests and the paste benchmark.
public enum MixedText {
    static let pieces: [String] = [
        "hello", "world", "paste", "swift", "terminal", "the", "of", "and", "1234", "x=y+1;",
        "日本語", "中文字符", "한국어", "テキスト", "漢字",
        "😀", "👍🏽", "👨‍👩‍👧", "🚀", "🇫🇷",
        "café", "naïve", "e\u{301}", "Ωμέγα", "привет",
        "\t", "\t\t", "\n", "\n\n", " — ", "«»", "·",
    ]

    /// At least `byteCount` bytes of UTF-8 (a piece longer, at most), the same for a seed.
    public static func generate(byteCount: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        var text = ""
        text.reserveCapacity(byteCount + 32)
        var bytes = 0
        while bytes < byteCount {
            let piece = random.pick(pieces)
            text += piece
            bytes += piece.utf8.count
            if random.next() % 3 != 0 {
                text += " "
                bytes += 1
            }
        }
        return text
    }
}
