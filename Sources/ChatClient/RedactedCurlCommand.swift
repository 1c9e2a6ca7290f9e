import StreamProtocol

/// A copy-ready `curl` command that repeats `spec`, with every credential replaced by a
/// reference to `apiKeyVariable` (see `CurlCommand.redacted`).
public func redactedCurlCommand(for spec: HTTPRequestSpec, apiKeyVariable: String = "PREMAI_API_KEY") -> String {
    CurlCommand.redacted(
        method: spec.method, url: spec.url, headers: spec.headers, body: spec.body, apiKeyVariable: apiKeyVariable)
}
