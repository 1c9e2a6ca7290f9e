import Foundation

/// glibc's malloc, set for a process that lives for hours and handles large, growing buffers.
///
/// By default glibc raises its mmap threshold each time a large block is freed, so a reply's
/// text (which grows by doubling past 64 KiB) soon comes from the heap, and the heap does not
/// shrink: peak RSS rose 3–4 MiB per 120 KB reply. A fixed 64 KiB threshold keeps large blocks
/// in mmap, returned to the system when freed; one arena keeps the transport thread's
/// allocations (freed on the main thread) from settling in an arena of their own. Measured in
/// docs/performance.md ("Memory"). `mallopt` is not in Swift's Glibc module, so it is looked up.
enum MallocTuning {
    /// From <malloc.h>.
    private static let mmapThreshold: Int32 = -3
    private static let arenaMax: Int32 = -8

    static func apply() {
        // A nil handle is RTLD_DEFAULT: the symbol wherever the process has it (libc).
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(mmapThreshold, 64 * 1024)
        _ = mallopt(arenaMax, 1)
    }
}
