import Foundation
import MCP
@testable import ToolServers
import XCTest

/// chatterm's stdio transport on a real pipe: messages split anywhere across writes arrive
/// whole and in order, the end of the pipe ends the stream, a disconnect ends it too, and
/// what is sent reaches the other end as one line each.
final class PipeTransportTests: XCTestCase {
    private func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(.EIO) }
        return (ends[0], ends[1])
    }

    /// A transport connected to two pipes as a child's would be: what a test writes to
    /// `fromChild.write` is read; what the transport sends comes out of `toChild.read`. The
    /// transport reads and writes its own duplicates, so the ends it was given are closed here.
    private func connectedTransport() async throws -> (PipeTransport, fromChild: (read: Int32, write: Int32), toChild: (read: Int32, write: Int32)) {
        let fromChild = try makePipe()
        let toChild = try makePipe()
        let transport = PipeTransport(readingFrom: fromChild.read, writingTo: toChild.write)
        close(fromChild.read)
        close(toChild.write)
        try await transport.connect()
        return (transport, fromChild, toChild)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written > 0 else { return }
            offset += written
        }
    }

    func testMessagesSplitAtEveryByteArriveWholeAndTheEndFinishesTheStream() async throws {
        let text = #"{"jsonrpc":"2.0","id":1,"result":{"tools":[]}}"# + "\n" + #"{"jsonrpc":"2.0","method":"ping"}"# + "\n\n"
        let bytes = Array(text.utf8)
        for split in 1..<bytes.count {
            let (transport, fromChild, toChild) = try await connectedTransport()
            let stream = await transport.receive()
            Self.writeAll(fromChild.write, Array(bytes[..<split]))
            Self.writeAll(fromChild.write, Array(bytes[split...]))
            close(fromChild.write)
            var received: [String] = []
            for try await message in stream { received.append(String(decoding: message, as: UTF8.self)) }
            XCTAssertEqual(received, [#"{"jsonrpc":"2.0","id":1,"result":{"tools":[]}}"#, #"{"jsonrpc":"2.0","method":"ping"}"#], "split at \(split)")
            await transport.disconnect()
            close(toChild.read)
        }
    }

    func testWhatIsSentArrivesAsOneLineAndADisconnectEndsTheStream() async throws {
        let (transport, fromChild, toChild) = try await connectedTransport()
        try await transport.send(Data(#"{"jsonrpc":"2.0","id":7,"method":"tools/list"}"#.utf8))
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { read(toChild.read, $0.baseAddress, $0.count) }
        XCTAssertEqual(String(decoding: buffer[0..<max(0, count)], as: UTF8.self), #"{"jsonrpc":"2.0","id":7,"method":"tools/list"}"# + "\n")
        let stream = await transport.receive()
        await transport.disconnect()
        var received = 0
        for try await _ in stream { received += 1 }
        XCTAssertEqual(received, 0, "a disconnect ends the stream though the pipe is still open")
        do {
            try await transport.send(Data("{}".utf8))
            XCTFail("a send after a disconnect fails")
        } catch {}
        close(fromChild.write)
        close(toChild.read)
    }

    /// A message of megabytes (a big tool result) arrives whole; the reader searches only the
    /// bytes just read for the line's end (it once scanned from the start at every read).
    func testAMessageOfSeveralMegabytesArrivesWhole() async throws {
        let (transport, fromChild, toChild) = try await connectedTransport()
        let stream = await transport.receive()
        let big = String(repeating: "x", count: 6 * 1024 * 1024)
        let writer = Thread {
            Self.writeAll(fromChild.write, Array((#"{"text":""# + big + #""}"# + "\n").utf8))
            close(fromChild.write)
        }
        writer.start()
        var sizes: [Int] = []
        for try await message in stream { sizes.append(message.count) }
        XCTAssertEqual(sizes, [big.utf8.count + 11])
        await transport.disconnect()
        close(toChild.read)
    }
}
