/// The bytes of a bracketed paste whose end marker has not arrived yet. Kept as UTF-8 bytes,
/// appended in bulk and decoded once at the end: a megabyte paste is a few copies of a
/// megabyte, never a Swift `Character` per byte. Pure.
struct PasteBuffer: Sendable, Equatable {
    private(set) var bytes: [UInt8] = []

    /// `ESC [ 2 0 1 ~`, the raw end marker (when ncurses did not turn it into a key code).
    static let endMarker: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]

    init() {
        bytes.reserveCapacity(4096)
    }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    /// A scalar that came decoded (from tests or ncurses): its UTF-8 bytes; an invalid value
    /// (a surrogate, past U+10FFFF) is dropped.
    mutating func append(scalar value: UInt32) {
        guard let scalar = Unicode.Scalar(value) else { return }
        bytes.append(contentsOf: String(scalar).utf8)
    }

    /// Whether the bytes now end with the raw end marker; if so it is removed.
    mutating func removeEndMarkerIfComplete() -> Bool {
        guard bytes.last == 0x7E, bytes.count >= Self.endMarker.count,
              bytes[(bytes.count - Self.endMarker.count)...].elementsEqual(Self.endMarker) else { return false }
        bytes.removeLast(Self.endMarker.count)
        return true
    }

    /// Appends `chunk` up to the raw end marker. Returns how many bytes of `chunk` were used
    /// (marker included) when the marker ended the paste, nil when all went in and the paste
    /// goes on. A marker split between two chunks is found too.
    mutating func append(chunk: ArraySlice<UInt8>) -> Int? {
        let start = bytes.count
        bytes.append(contentsOf: chunk)
        // The marker may have begun in the previous chunk: look from a marker's length back.
        var index = max(0, start - (Self.endMarker.count - 1))
        let last = bytes.count - Self.endMarker.count
        while index <= last {
            if bytes[index] == 0x1B, bytes[index..<(index + Self.endMarker.count)].elementsEqual(Self.endMarker) {
                let used = index + Self.endMarker.count - start
                bytes.removeSubrange(index...)
                return used
            }
            index += 1
        }
        return nil
    }

    /// The text: CR and CRLF become LF (CR and LF never occur inside a multi-byte UTF-8
    /// character, so this is safe on bytes); broken UTF-8 becomes U+FFFD.
    var text: String {
        var normalised = [UInt8]()
        normalised.reserveCapacity(bytes.count)
        var previousWasCR = false
        for byte in bytes {
            if byte == 0x0D {
                normalised.append(0x0A)
                previousWasCR = true
                continue
            }
            if byte == 0x0A, previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            normalised.append(byte)
        }
        return String(decoding: normalised, as: UTF8.self)
    }
}
