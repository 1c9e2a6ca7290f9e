import CCurl
import Foundation

typealias TransportEventHandler = @Sendable (RequestID, TransportEvent) -> Void

/// One request in flight: its libcurl easy handle and the state that keeps its events in
/// order (head, bytes*, finished once). Used only on the transport thread; libcurl calls back
/// into it from `curl_multi_perform` on that same thread.
final class Transfer {
    let id: RequestID
    let spec: HTTPRequestSpec
    let handle: UnsafeMutableRawPointer
    private let onEvent: TransportEventHandler
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: UnsafeMutablePointer<curl_slist>?
    /// Header lines of the head block being received; reset by every status line, so interim
    /// 1xx heads never leak into the final one.
    private var pendingHeaders: [(name: String, value: String)] = []
    private var headDelivered = false
    private var finishDelivered = false
    /// The loop's clock (time since it was made).
    private let now: @Sendable () -> Duration
    /// Clock time of the start or of the latest received byte; drives the idle timeout.
    private(set) var lastActivity: Duration
    /// The task that checks the idle timeout next, and its number (a check from an older,
    /// replaced one is ignored). Set and cancelled by the loop.
    var watchdog: Task<Void, Never>?
    var watchdogNumber: UInt64 = 0

    /// Creates and configures the easy handle. Throws a `TransportFailure` for unusable input.
    init(id: RequestID, spec: HTTPRequestSpec, now: @escaping @Sendable () -> Duration, onEvent: @escaping TransportEventHandler) throws {
        guard let handle = curl_easy_init() else {
            throw CurlFailureMapping.setup("libcurl could not create a request")
        }
        self.id = id
        self.spec = spec
        self.handle = handle
        self.onEvent = onEvent
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        self.now = now
        self.lastActivity = now()
        do {
            try configure()
        } catch {
            release()
            throw error
        }
    }

    /// Frees the easy handle and everything it points at. Call after removing it from the multi.
    func release() {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headerList)
        headerList = nil
        errorBuffer.deallocate()
    }

    /// How long the response may stay silent (nil = forever).
    var idleAllowance: Duration? {
        guard let idle = spec.idleTimeoutSeconds else { return nil }
        return .milliseconds(Int64(clamping: Self.clampedMilliseconds(idle)))
    }

    // MARK: - Events

    /// Emits the last event. With a clean end and no head yet (an empty response whose header
    /// callback never saw the blank line), the head is delivered first so order still holds.
    func finish(_ failure: TransportFailure?) {
        guard !finishDelivered else { return }
        if failure == nil && !headDelivered { deliverHead(status: responseCode()) }
        finishDelivered = true
        onEvent(id, .finished(failure))
    }

    func failure(for code: CURLcode) -> TransportFailure {
        var osErrno = 0
        _ = ccurl_easy_getinfo_long(handle, CURLINFO_OS_ERRNO, &osErrno)
        return CurlFailureMapping.failure(
            code: code, detail: String(cString: errorBuffer), osErrno: osErrno,
            url: spec.url, connectTimeoutSeconds: spec.connectTimeoutSeconds, tunnel: proxyTunnelAnswer())
    }

    private func proxyTunnelAnswer() -> ProxyTunnelAnswer {
        var status = 0
        guard ccurl_easy_getinfo_long(handle, CURLINFO_HTTP_CONNECTCODE, &status) == CURLE_OK, status != 0 else {
            return ProxyTunnelAnswer(status: 0)
        }
        var ip: UnsafeMutablePointer<CChar>?
        var port = 0
        guard ccurl_easy_getinfo_string(handle, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK, let ip,
              ccurl_easy_getinfo_long(handle, CURLINFO_PRIMARY_PORT, &port) == CURLE_OK, port > 0 else {
            return ProxyTunnelAnswer(status: status)
        }
        let host = String(cString: ip)
        guard !host.isEmpty else { return ProxyTunnelAnswer(status: status) }
        return ProxyTunnelAnswer(status: status, proxyAddress: host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)")
    }

    fileprivate func receiveHeaderLine(_ raw: UnsafeRawBufferPointer) {
        lastActivity = now()
        guard !headDelivered else { return }  // trailers after a chunked body: not part of the head
        var line = Substring(String(decoding: raw, as: UTF8.self))
        // "\r\n" is one Character in Swift, so test for newlines rather than comparing to "\r".
        while let last = line.last, last.isNewline { line.removeLast() }

        if line.isEmpty {
            let status = responseCode()
            if (100..<200).contains(status) {
                pendingHeaders = []  // interim response (100 Continue, 103 Early Hints)
            } else {
                deliverHead(status: status)
            }
        } else if line.hasPrefix("HTTP/") {
            pendingHeaders = []
        } else if let first = line.first, first == " " || first == "\t", !pendingHeaders.isEmpty {
            // obsolete line folding: continues the previous header's value
            pendingHeaders[pendingHeaders.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            pendingHeaders.append((name: name, value: value))
        }
    }

    /// Body bytes received so far; the loop paces itself by how fast this grows.
    private(set) var bodyBytesReceived = 0

    fileprivate func receiveBody(_ raw: UnsafeRawBufferPointer) {
        lastActivity = now()
        bodyBytesReceived += raw.count
        if !headDelivered { deliverHead(status: responseCode()) }
        guard !raw.isEmpty else { return }
        onEvent(id, .bytes(Array(raw)))
    }

    private func deliverHead(status: Int) {
        headDelivered = true
        onEvent(id, .head(status: status, headers: pendingHeaders))
        pendingHeaders = []
    }

    private func responseCode() -> Int {
        var code = 0
        guard ccurl_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK else { return 0 }
        return code
    }

    // MARK: - Configuration

    private func configure() throws {
        let context = Unmanaged.passUnretained(self).toOpaque()
        try check(ccurl_easy_setopt_string(handle, CURLOPT_URL, spec.url), "URL")
        // Only HTTP(S): a URL from a config file must not read local files or speak other protocols.
        try check(ccurl_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"), "protocols")
        // Signals are process-wide and unsafe with threads; timeouts use the multi loop instead.
        try check(ccurl_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1), "NOSIGNAL")
        // A redirected POST would silently change meaning (and could leak the key to another host).
        try check(ccurl_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0), "FOLLOWLOCATION")
        // Explicit, although these are libcurl's defaults: TLS is verified, always.
        try check(ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1), "SSL_VERIFYPEER")
        try check(ccurl_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2), "SSL_VERIFYHOST")
        // A profile's private CA (a company gateway, a self-hosted server), for this transfer only.
        if let caFile = spec.caFile {
            try check(ccurl_easy_setopt_string(handle, CURLOPT_CAINFO, caFile), "CAINFO")
        }
        // "" offers every encoding this libcurl can decode; bytes arrive decompressed.
        try check(ccurl_easy_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""), "ACCEPT_ENCODING")
        // Proxy CONNECT replies are not the server's head.
        try check(ccurl_easy_setopt_long(handle, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1), "SUPPRESS_CONNECT_HEADERS")
        // Long silent streams over NAT: keep the connection alive.
        try check(ccurl_easy_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1), "TCP_KEEPALIVE")
        // A nonsensical value (negative, NaN) becomes 0, which libcurl reads as its default, 300 s.
        let connectMillis = Int(Self.clampedMilliseconds(spec.connectTimeoutSeconds))
        try check(ccurl_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, connectMillis), "CONNECTTIMEOUT_MS")
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "ERRORBUFFER")

        try check(ccurl_easy_setopt_write_callback(handle, CURLOPT_HEADERFUNCTION, headerCallback), "HEADERFUNCTION")
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, context), "HEADERDATA")
        try check(ccurl_easy_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, writeCallback), "WRITEFUNCTION")
        try check(ccurl_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context), "WRITEDATA")

        try configureMethodAndBody()
        try configureHeaders()
    }

    private func configureMethodAndBody() throws {
        let method = spec.method.uppercased()
        guard !method.isEmpty, method.allSatisfy({ $0 >= "A" && $0 <= "Z" }) else {
            throw CurlFailureMapping.setup("invalid HTTP method \"\(spec.method)\"")
        }
        switch method {
        case "GET" where spec.body.isEmpty:
            try check(ccurl_easy_setopt_long(handle, CURLOPT_HTTPGET, 1), "HTTPGET")
            return
        case "POST":
            try check(ccurl_easy_setopt_long(handle, CURLOPT_POST, 1), "POST")
        default:
            try check(ccurl_easy_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method), "CUSTOMREQUEST")
            if spec.body.isEmpty { return }
        }
        // The size first, so COPYPOSTFIELDS copies exactly these bytes (NULs included) and the
        // spec's array need not outlive this call.
        try check(ccurl_easy_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(spec.body.count)), "POSTFIELDSIZE")
        let bytes: [UInt8] = spec.body.isEmpty ? [0] : spec.body
        let result = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                ccurl_easy_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, chars.baseAddress)
            }
        }
        try check(result, "COPYPOSTFIELDS")
    }

    private func configureHeaders() throws {
        var lines: [String] = []
        for header in spec.headers {
            guard Self.isValidHeaderName(header.name), Self.isValidHeaderValue(header.value) else {
                // Never echo the value: it may be the API key.
                throw CurlFailureMapping.setup("invalid request header \"\(Self.printableName(header.name))\"")
            }
            // "Name:" would make curl drop the header; "Name;" is curl's spelling for an empty value.
            lines.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }
        // libcurl adds "Expect: 100-continue" to large POSTs, costing a round trip; opt out
        // unless the caller chose otherwise.
        if !spec.headers.contains(where: { $0.name.lowercased() == "expect" }) { lines.append("Expect:") }
        for line in lines {
            guard let extended = curl_slist_append(headerList, line) else {
                throw CurlFailureMapping.setup("out of memory building request headers", code: CURLE_OUT_OF_MEMORY)
            }
            headerList = extended
        }
        try check(ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList), "HTTPHEADER")
    }

    private func check(_ code: CURLcode, _ option: String) throws {
        guard code == CURLE_OK else {
            throw CurlFailureMapping.setup(
                "libcurl rejected option \(option): \(CurlFailureMapping.curlDescription(code))", code: code)
        }
    }

    /// Seconds from configuration as whole milliseconds, rounded up; negative or NaN is 0 and
    /// anything beyond ten years is ten years, so no conversion can trap.
    static func clampedMilliseconds(_ seconds: Double) -> UInt64 {
        let tenYears = 10.0 * 365 * 24 * 3600 * 1000
        let millis = (seconds * 1000).rounded(.up)
        guard millis > 0 else { return 0 }  // also false for NaN
        return UInt64(min(millis, tenYears))
    }

    static func isValidHeaderName(_ name: String) -> Bool {
        // RFC 9110 token characters.
        let allowed = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return !name.isEmpty && name.allSatisfy { allowed.contains($0) }
    }

    static func isValidHeaderValue(_ value: String) -> Bool {
        // CR or LF would let a value inject further headers; NUL would truncate the C string.
        !value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }

    private static func printableName(_ name: String) -> String {
        String(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }.prefix(64).map(Character.init))
    }
}

// libcurl's C callbacks. The user pointer is the Transfer, kept alive by the loop's table for as
// long as the handle is in the multi; returning a count other than the given size aborts.
private let headerCallback: curl_write_callback = { buffer, size, count, context in
    guard let context else { return 0 }
    let length = size * count
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: buffer == nil ? 0 : length))
    return length
}

private let writeCallback: curl_write_callback = { buffer, size, count, context in
    guard let context else { return 0 }
    let length = size * count
    let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
    transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: buffer == nil ? 0 : length))
    return length
}
