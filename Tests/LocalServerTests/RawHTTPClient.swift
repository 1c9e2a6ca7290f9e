import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A deliberately dumb HTTP/1.1 client over a plain socket: sends one request with
/// `Connection: close`, reads until the server closes, and keeps the size of every read (and
/// tells `onRead` of each as it happens). That is what the tests need to see framing, truncation and flushing exactly as sent.
/// It runs on a GCD thread, never on the cooperative pool the server under test uses.
struct RawHTTPResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    /// The body with chunked transfer coding removed.
    var body: [UInt8]
    /// False when the connection closed before the final zero-length chunk.
    var sawFinalChunk: Bool
    /// The raw bytes received so far, after every read.
    var arrivals: [Int]
    var headerLength: Int

    var bodyText: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

struct RawHTTPError: Error, CustomStringConvertible {
    var description: String
}

enum RawHTTPClient {
    static func send(
        port: UInt16, method: String = "POST", path: String, headers: [(String, String)] = [],
        body: String? = nil, readTimeoutSeconds: Int = 10, onRead: (@Sendable (_ read: [UInt8]) -> Void)? = nil
    ) async throws -> RawHTTPResponse {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try exchange(
                        port: port, method: method, path: path, headers: headers, body: body,
                        readTimeoutSeconds: readTimeoutSeconds, onRead: onRead)
                })
            }
        }
    }

    private static func exchange(
        port: UInt16, method: String, path: String, headers: [(String, String)], body: String?, readTimeoutSeconds: Int,
        onRead: (@Sendable ([UInt8]) -> Void)?
    ) throws -> RawHTTPResponse {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawHTTPError(description: "socket() failed") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: readTimeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw RawHTTPError(description: "connect() failed: \(errno)") }

        let bodyBytes = Array((body ?? "").utf8)
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        if body != nil || method == "POST" {
            request += "Content-Type: application/json\r\nContent-Length: \(bodyBytes.count)\r\n"
        }
        request += "\r\n"
        let outgoing = Array(request.utf8) + bodyBytes
        var sent = 0
        while sent < outgoing.count {
            let written = outgoing[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard written > 0 else { throw RawHTTPError(description: "send() failed") }
            sent += written
        }

        var raw: [UInt8] = []
        var arrivals: [Int] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET { break }
                throw RawHTTPError(description: "recv() failed or timed out: \(errno)")
            }
            raw.append(contentsOf: buffer[0..<count])
            arrivals.append(raw.count)
            onRead?(Array(buffer[0..<count]))
        }
        return try parse(raw, arrivals: arrivals)
    }

    private static func parse(_ raw: [UInt8], arrivals: [Int]) throws -> RawHTTPResponse {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headerEnd = raw.firstRange(of: separator)?.upperBound else {
            throw RawHTTPError(description: "no complete header in \(raw.count) bytes")
        }
        let headerLines = String(decoding: raw[..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard let statusLine = headerLines.first else { throw RawHTTPError(description: "empty header") }
        let statusParts = statusLine.split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw RawHTTPError(description: "bad status line \(statusLine)") }
        var headers: [(name: String, value: String)] = []
        for line in headerLines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var response = RawHTTPResponse(status: status, headers: headers, body: [], sawFinalChunk: false, arrivals: arrivals, headerLength: headerEnd)
        let payload = Array(raw[headerEnd...])
        if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            (response.body, response.sawFinalChunk) = dechunk(payload)
        } else {
            response.body = payload
            response.sawFinalChunk = true
        }
        return response
    }

    /// Removes chunked coding; stops quietly at a truncated chunk (that is what `/drop` makes).
    private static func dechunk(_ payload: [UInt8]) -> ([UInt8], Bool) {
        var body: [UInt8] = []
        var index = 0
        let crlf: [UInt8] = [13, 10]
        while let lineEnd = payload[index...].firstRange(of: crlf) {
            let sizeText = String(decoding: payload[index..<lineEnd.lowerBound], as: UTF8.self)
            guard let size = Int(sizeText, radix: 16) else { return (body, false) }
            if size == 0 { return (body, true) }
            let start = lineEnd.upperBound
            guard start + size + 2 <= payload.count else { return (body, false) }
            body += payload[start..<start + size]
            index = start + size + 2
        }
        return (body, false)
    }
}
