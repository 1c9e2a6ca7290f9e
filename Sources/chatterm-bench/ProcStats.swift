import Foundation

/// What Linux's /proc says about a process: CPU time used and peak memory.
enum ProcStats {
    /// utime + stime in seconds (fields 14 and 15 of /proc/PID/stat), nil if unreadable.
    static func cpuSeconds(pid: pid_t) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
        // The command name (field 2) may contain spaces; the fields after it follow the last ')'.
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After ')' the first field is field 3 (state): utime is field 14 -> index 11.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (user + system) / (ticks > 0 ? ticks : 100)
    }

    /// A counter of /proc/PID/io (`wchar`: bytes written through write(2), files and terminal).
    static func ioCounter(pid: pid_t, field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// A `kB` line of /proc/PID/status (`VmHWM`, `VmRSS`), in MiB.
    static func statusMiB(pid: pid_t, field: String) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, let kilobytes = Double(parts[1]) else { return nil }
            return kilobytes / 1024
        }
        return nil
    }

    static func command(pid: pid_t) -> String? {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Direct children of `pid` (from /proc/PID/task/*/children).
    static func children(pid: pid_t) -> [pid_t] {
        let taskDirectory = "/proc/\(pid)/task"
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: taskDirectory)) ?? []
        return tasks.flatMap { task -> [pid_t] in
            let text = (try? String(contentsOfFile: "\(taskDirectory)/\(task)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// The first process named `name` at or below `pid` (a pane's shell may have forked it).
    static func find(named name: String, from pid: pid_t, depth: Int = 4) -> pid_t? {
        if command(pid: pid) == name { return pid }
        guard depth > 0 else { return nil }
        for child in children(pid: pid) {
            if let found = find(named: name, from: child, depth: depth - 1) { return found }
        }
        return nil
    }
}
