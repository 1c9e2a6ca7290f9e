import Foundation

/// Incremental Server-Sent-Events decoder: feed it bytes exactly as they arrive (split anywhere,
/// even inside a UTF-8 character or between the CR and LF of a line end) and it returns every
/// block that completed.
///
/// Rules (see `SSEMessage`): lines end in LF, CRLF or CR; a blank line ends a block; lines that
/// start with `:` are comments; `name: value` loses one space after the colon; a line without a
/// colon is a field with an empty value; `data` lines are joined with `"\n"`; every field other
/// than `event` and `data` is kept in `fields` (the prem dialect puts `trace_id` and
/// `document_chunks` there). A leading UTF-8 BOM is dropped; invalid UTF-8 becomes U+FFFD.
///
/// It works on bytes and converts only complete blocks to text, which is what makes split
/// characters decode correctly and keeps it fast (line ends are found with `memchr`).
/// `StreamEventDecoder` takes the blocks before they become text (`feed(_:into:)`), so the
/// common chunk is read straight from the bytes.
public struct SSEDecoder {
    /// The start of a line whose end has not arrived yet (the only bytes copied between feeds).
    private var partialLine: [UInt8] = []
    /// The previous feed ended in CR: an LF first in the next one completes that CRLF.
    private var skipLeadingLF = false
    /// No line processed yet, so a BOM may still be pending at the start of the first line.
    private var atStreamStart = true
    private var block = SSEBlock()

    public init() {}

    /// Decodes the next bytes of the stream; returns the blocks they completed, in order.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) -> [SSEMessage] {
        var collector = MessageCollector()
        feed(bytes, into: &collector)
        return collector.messages
    }

    /// Decodes the next bytes, handing every completed block to `sink` as it completes.
    mutating func feed<Sink: SSEBlockSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink) {
        bytes.withMemoryRebound(to: UInt8.self) { consume($0, into: &sink) }
    }

    public mutating func feed(_ bytes: [UInt8]) -> [SSEMessage] {
        bytes.withUnsafeBytes { feed($0) }
    }

    public mutating func feed<S: Sequence>(_ bytes: S) -> [SSEMessage] where S.Element == UInt8 {
        if let messages = bytes.withContiguousStorageIfAvailable({ feed(UnsafeRawBufferPointer($0)) }) {
            return messages
        }
        return feed(Array(bytes))
    }

    /// End of stream. Leniently completes a last line without a line end and dispatches a
    /// block that was not followed by a blank line. The decoder is then ready for a new stream.
    public mutating func finish() -> [SSEMessage] {
        var collector = MessageCollector()
        finish(into: &collector)
        return collector.messages
    }

    mutating func finish<Sink: SSEBlockSink>(into sink: inout Sink) {
        if !partialLine.isEmpty {
            processBufferedLine(into: &sink)
        }
        dispatchBlock(into: &sink)
        self = SSEDecoder()
    }

    // MARK: - Line splitting

    private mutating func consume<Sink: SSEBlockSink>(_ buffer: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
        let end = buffer.count
        var start = 0
        if skipLeadingLF {
            skipLeadingLF = false
            if buffer[0] == ASCII.lf { start = 1 }
        }
        // Positions of the next CR and LF, searched again only once passed: a stream that uses
        // only one kind of line end must not cost a full rescan per line.
        var nextLF = -1
        var nextCR = -1
        while start < end {
            if nextLF < start { nextLF = Self.offset(of: ASCII.lf, in: base, from: start, to: end) }
            if nextCR < start { nextCR = Self.offset(of: ASCII.cr, in: base, from: start, to: end) }
            let lineEnd = min(nextLF, nextCR)
            if lineEnd == end {
                partialLine.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<end]))
                return
            }
            let line = UnsafeBufferPointer(rebasing: buffer[start..<lineEnd])
            if partialLine.isEmpty {
                processLine(line, into: &sink)
            } else {
                partialLine.append(contentsOf: line)
                processBufferedLine(into: &sink)
            }
            start = lineEnd + 1
            if buffer[lineEnd] == ASCII.cr {
                if start == end {
                    skipLeadingLF = true
                } else if buffer[start] == ASCII.lf {
                    start += 1
                }
            }
        }
    }

    /// memchr, as an offset into the buffer; `end` when absent.
    private static func offset(of byte: UInt8, in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let found = memchr(base + start, Int32(byte), end - start) else { return end }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Processes the line accumulated in `partialLine` and empties it, keeping its capacity.
    private mutating func processBufferedLine<Sink: SSEBlockSink>(into sink: inout Sink) {
        // Moved out of `self` so that processing (which mutates `self`) does not overlap the read.
        var line: [UInt8] = []
        swap(&line, &partialLine)
        line.withUnsafeBufferPointer { processLine($0, into: &sink) }
        line.removeAll(keepingCapacity: true)
        swap(&line, &partialLine)
    }

    // MARK: - Field parsing

    private mutating func processLine<Sink: SSEBlockSink>(_ rawLine: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        var line = rawLine
        if atStreamStart {
            atStreamStart = false
            if line.starts(with: ASCII.byteOrderMark) {
                line = UnsafeBufferPointer(rebasing: line[3...])
            }
        }
        guard let first = line.first else {
            dispatchBlock(into: &sink)
            return
        }
        if first == ASCII.colon { return }  // comment / keep-alive

        var name = line
        var value = UnsafeBufferPointer<UInt8>(rebasing: line[line.endIndex...])
        if let colon = line.firstIndex(of: ASCII.colon) {
            name = UnsafeBufferPointer(rebasing: line[..<colon])
            var valueStart = colon + 1
            if valueStart < line.endIndex && line[valueStart] == ASCII.space { valueStart += 1 }
            value = UnsafeBufferPointer(rebasing: line[valueStart...])
        }

        if ASCII.isData(name) {
            block.appendData(value)
        } else if ASCII.isEvent(name) {
            block.setEventName(value)
        } else {
            block.fields.append(SSEField(
                name: String(decoding: name, as: UTF8.self),
                value: String(decoding: value, as: UTF8.self)
            ))
        }
    }
}

/// The block being assembled, kept as bytes until it is dispatched. A sink sees it before it
/// becomes an `SSEMessage` (and may never make it one).
struct SSEBlock {
    /// The last `event` line's value; meaningful only when `hasEventName`.
    fileprivate(set) var eventName: [UInt8] = []
    fileprivate(set) var hasEventName = false
    /// The `data` lines joined by LF.
    fileprivate(set) var data: [UInt8] = []
    fileprivate(set) var hasData = false
    fileprivate(set) var fields: [SSEField] = []

    /// A block with no event, data or field line (only comments) is not dispatched.
    var isEmpty: Bool { !hasEventName && !hasData && fields.isEmpty }

    /// The event name as `SSEMessage.event` spells it (`message` when absent or empty).
    var eventIsMessage: Bool { !hasEventName || eventName.isEmpty }

    fileprivate mutating func setEventName(_ value: UnsafeBufferPointer<UInt8>) {
        eventName.removeAll(keepingCapacity: true)
        eventName.append(contentsOf: value)
        hasEventName = true
    }

    fileprivate mutating func appendData(_ value: UnsafeBufferPointer<UInt8>) {
        if hasData { data.append(ASCII.lf) }
        hasData = true
        data.append(contentsOf: value)
    }

    fileprivate mutating func reset() {
        eventName.removeAll(keepingCapacity: true)
        hasEventName = false
        data.removeAll(keepingCapacity: true)
        hasData = false
        fields.removeAll(keepingCapacity: true)
    }

    /// The block as text; invalid UTF-8 becomes U+FFFD here.
    func message() -> SSEMessage {
        let event = eventIsMessage ? "message" : String(decoding: eventName, as: UTF8.self)
        return SSEMessage(event: event, data: String(decoding: data, as: UTF8.self), fields: fields)
    }
}

/// Receives each dispatched block; the block's storage is reused afterwards, so a sink keeps
/// what it needs, not the block.
protocol SSEBlockSink {
    mutating func receive(_ block: SSEBlock)
}

private struct MessageCollector: SSEBlockSink {
    var messages: [SSEMessage] = []
    mutating func receive(_ block: SSEBlock) {
        messages.append(block.message())
    }
}

extension SSEDecoder {
    fileprivate mutating func dispatchBlock<Sink: SSEBlockSink>(into sink: inout Sink) {
        if !block.isEmpty { sink.receive(block) }
        block.reset()
    }
}

private enum ASCII {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let colon: UInt8 = 0x3A
    static let space: UInt8 = 0x20
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func isData(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name.count == 4 && name[0] == 0x64 && name[1] == 0x61 && name[2] == 0x74 && name[3] == 0x61  // "data"
    }

    static func isEvent(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name.count == 5 && name[0] == 0x65 && name[1] == 0x76 && name[2] == 0x65 && name[3] == 0x6E && name[4] == 0x74  // "event"
    }
}
