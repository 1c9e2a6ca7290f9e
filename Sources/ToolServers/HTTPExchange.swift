import CCurl
import Foundation
import StreamProtocol

/// One POST of a JSON-RPC message to a streamable-HTTP MCP server, on libcurl (blocking, on
/// the caller's thread). The answer is either one JSON body (`application/json`) or a stream of
/// server-sent events whose `data` are messages (`text/event-stream`); each message is handed
/// to `deliver` as it completes, so a long SSE answer is read as it comes.
final class HTTPExchange {
    struct Request {
        var url: String
        var body: Data
        var sessionID: String?
        /// The key itself: sent in the Authorization header only, never logged.
        var bearerToken: String?
        var caFile: String?
    }

    struct Response {
        var status: Int
        var sessionID: String?
        /// An answer that was neither JSON nor events (an error page): for the message.
        var otherBody: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let deliver: (Data) -> Void
    private let isCancelled: () -> Bool
    private let sessionStarted: (String) -> Void
    private var contentType = ""
    private var sessionID: String?
    private var jsonBody = Data()
    private var sse = SSEDecoder()

    /// `sessionStarted` gets a `Mcp-Session-Id` header as soon as it arrives, before the body.
    init(deliver: @escaping (Data) -> Void, isCancelled: @escaping () -> Bool, sessionStarted: @escaping (String) -> Void) {
        self.deliver = deliver
        self.isCancelled = isCancelled
        self.sessionStarted = sessionStarted
    }

    static let globalInit: Void = { _ = ccurl_global_init_default() }()

    func perform(_ request: Request) throws -> Response {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else { throw Failure(description: "libcurl could not start a transfer") }
        defer { curl_easy_cleanup(handle) }
        var headers: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headers) }
        let lines = ["Content-Type: application/json", "Accept: application/json, text/event-stream"]
            + (request.sessionID.map { ["Mcp-Session-Id: \($0)"] } ?? [])
            + (request.bearerToken.map { ["Authorization: Bearer \($0)"] } ?? [])
        for line in lines { headers = curl_slist_append(headers, line) }

        let context = Unmanaged.passUnretained(self).toOpaque()
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(to: 0)
        defer { errorBuffer.deallocate() }
        var body = [UInt8](request.body)
        let result: CURLcode = body.withUnsafeMutableBytes { bytes in
            _ = ccurl_easy_setopt_string(handle, CURLOPT_URL, request.url)
            // Only HTTP(S), no redirects (a POST must not change meaning or leak the key elsewhere).
            _ = ccurl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
            _ = ccurl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
            _ = ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            // TLS verification always on; the config's ca_file for a private CA.
            _ = ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
            _ = ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
            if let caFile = request.caFile { _ = ccurl_easy_setopt_string(handle, CURLOPT_CAINFO, caFile) }
            _ = ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, 10_000)
            _ = ccurl_easy_setopt_long(handle, CURLOPT_POST, 1)
            _ = ccurl_easy_setopt_pointer(handle, CURLOPT_POSTFIELDS, bytes.baseAddress)
            _ = ccurl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bytes.count))
            _ = ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headers)
            _ = ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
            _ = ccurl_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, exchangeHeaderCallback)
            _ = ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
            _ = ccurl_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, exchangeWriteCallback)
            _ = ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
            // Progress calls let a disconnect abort a transfer that is waiting on the server.
            _ = ccurl_easy_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
            _ = ccurl_easy_setopt_xferinfo_callback(handle, CURLOPT_XFERINFOFUNCTION, exchangeProgressCallback)
            _ = ccurl_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, context)
            return curl_easy_perform(handle)
        }
        guard result == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            throw Failure(description: detail.isEmpty ? String(cString: curl_easy_strerror(result)) : detail)
        }
        var status = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        var other = ""
        if isEventStream {
            for message in sse.finish() { deliverEvent(message) }
        } else if isJSON, !jsonBody.isEmpty, (200..<300).contains(status) {
            deliver(jsonBody)
        } else {
            other = String(decoding: jsonBody.prefix(500), as: UTF8.self)
        }
        return Response(status: status, sessionID: sessionID, otherBody: other)
    }

    private var isEventStream: Bool { contentType.hasPrefix("text/event-stream") }
    private var isJSON: Bool { contentType.hasPrefix("application/json") }

    fileprivate func header(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self)
        guard let colon = line.firstIndex(of: ":") else {
            // A new status line (after a 100 Continue, say) starts a new head.
            if line.hasPrefix("HTTP/") { contentType = "" }
            return
        }
        let name = line[..<colon].lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        switch name {
        case "content-type": contentType = value.lowercased()
        case "mcp-session-id":
            sessionID = value
            sessionStarted(value)
        default: break
        }
    }

    fileprivate func body(_ bytes: UnsafeRawBufferPointer) {
        if isEventStream {
            for message in sse.feed(bytes) { deliverEvent(message) }
        } else if jsonBody.count < 64 * 1024 * 1024 {
            jsonBody.append(contentsOf: bytes)
        }
    }

    /// `message` events carry JSON-RPC; others (and empty keep-alive events) are not ours.
    private func deliverEvent(_ message: SSEMessage) {
        guard message.event == "message", !message.data.isEmpty else { return }
        deliver(Data(message.data.utf8))
    }

    fileprivate var cancelled: Bool { isCancelled() }
}

// libcurl's C callbacks; the user pointer is the exchange, alive for the whole (blocking) perform.
private let exchangeHeaderCallback: curl_write_callback = { buffer, size, count, context in
    guard let context else { return 0 }
    let length = size * count
    Unmanaged<HTTPExchange>.fromOpaque(context).takeUnretainedValue()
        .header(UnsafeRawBufferPointer(start: buffer, count: buffer == nil ? 0 : length))
    return length
}

private let exchangeWriteCallback: curl_write_callback = { buffer, size, count, context in
    guard let context else { return 0 }
    let length = size * count
    Unmanaged<HTTPExchange>.fromOpaque(context).takeUnretainedValue()
        .body(UnsafeRawBufferPointer(start: buffer, count: buffer == nil ? 0 : length))
    return length
}

private let exchangeProgressCallback: curl_xferinfo_callback = { context, _, _, _, _ in
    guard let context else { return 1 }
    return Unmanaged<HTTPExchange>.fromOpaque(context).takeUnretainedValue().cancelled ? 1 : 0
}
