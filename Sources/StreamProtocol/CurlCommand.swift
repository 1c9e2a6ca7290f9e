/// A copy-ready `curl` command that repeats a request, for bug reports and "copy as curl".
/// Credentials never appear: the value of every credential header is replaced by a reference
/// to the environment variable `apiKeyVariable` (the scheme word, e.g. `Bearer`, is kept), so
/// the command works in a shell where that variable holds the key.
public enum CurlCommand {
    public static func redacted(
        method: String, url: String, headers: [(name: String, value: String)], body: [UInt8],
        apiKeyVariable: String = "PREMAI_API_KEY"
    ) -> String {
        var parts = ["curl", "-N", "--compressed"]
        let method = method.uppercased()
        let impliedMethod = body.isEmpty ? "GET" : "POST"
        if method != impliedMethod { parts += ["-X", ShellQuoting.quote(method)] }
        parts.append(ShellQuoting.quote(url))
        for header in headers {
            parts.append("-H")
            if CredentialHeaders.isCredential(header.name) {
                let scheme = CredentialHeaders.scheme(of: header.value).map { $0 + " " } ?? ""
                // Single-quoted literal text joined to a double-quoted variable: one shell word.
                parts.append(ShellQuoting.quote("\(header.name): \(scheme)") + "\"$\(safeVariableName(apiKeyVariable))\"")
            } else {
                parts.append(ShellQuoting.quote("\(header.name): \(header.value)"))
            }
        }
        if !body.isEmpty {
            parts += ["--data-raw", ShellQuoting.quote(String(decoding: body, as: UTF8.self))]
        }
        return parts.joined(separator: " ")
    }

    /// Keeps the placeholder a plain variable reference whatever the caller passes.
    private static func safeVariableName(_ name: String) -> String {
        let cleaned = name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        return cleaned.isEmpty || cleaned.first?.isNumber == true ? "API_KEY" : cleaned
    }
}

enum CredentialHeaders {
    private static let names: Set<String> = [
        "authorization", "proxy-authorization", "x-api-key", "api-key", "cookie",
    ]

    static func isCredential(_ name: String) -> Bool {
        names.contains(name.lowercased())
    }

    /// "Bearer" of "Bearer sk-...", when the value has the `scheme credentials` shape.
    static func scheme(of value: String) -> String? {
        let words = value.split(separator: " ", maxSplits: 1)
        guard words.count == 2, let first = words.first,
              first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return String(first)
    }
}

enum ShellQuoting {
    /// POSIX single quoting: everything literal; a quote is closed, escaped and reopened.
    static func quote(_ text: String) -> String {
        var quoted = "'"
        for character in text {
            if character == "'" { quoted += "'\\''" } else { quoted.append(character) }
        }
        return quoted + "'"
    }
}
