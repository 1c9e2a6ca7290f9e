import Glibc
import TerminalUI

/// Which cells a blit must write. Pure, so the "only what changed" rule is tested directly.
public enum GridDiff {
    /// Indices into `next.cells` (row-major) of the cells to draw, clipped to `visibleWidth` ×
    /// `visibleHeight`. Everything when there is no previous grid or its size differs.
    /// Continuation cells are never listed: drawing the wide glyph to their left covers them.
    public static func cellsToWrite(from previous: CellGrid?, to next: CellGrid, visibleWidth: Int, visibleHeight: Int) -> [Int] {
        let width = min(next.width, visibleWidth)
        let height = min(next.height, visibleHeight)
        guard width > 0, height > 0 else { return [] }
        let comparable = previous.map { $0.width == next.width && $0.height == next.height } ?? false
        var indices: [Int] = []
        indices.reserveCapacity(comparable ? 64 : width * height)
        let nextCells = next.cells
        let previousCells = previous?.cells ?? []
        let rowBytes = width * MemoryLayout<Cell>.stride
        for y in 0..<height {
            let rowStart = y * next.width
            // Cells are plain values: an unchanged row (most of them) is one memcmp. (A
            // difference in padding bytes only sends the row to the cell-by-cell check below.)
            if comparable, bytesEqual(nextCells, previousCells, from: rowStart * MemoryLayout<Cell>.stride, count: rowBytes) {
                continue
            }
            for x in 0..<width {
                let index = rowStart + x
                let cell = nextCells[index]
                if cell.width == 0 { continue }
                if comparable, previousCells[index] == cell { continue }
                indices.append(index)
            }
        }
        return indices
    }

    private static func bytesEqual(_ a: [Cell], _ b: [Cell], from offset: Int, count: Int) -> Bool {
        a.withUnsafeBytes { aBytes in
            b.withUnsafeBytes { bBytes in
                guard let aBase = aBytes.baseAddress, let bBase = bBytes.baseAddress,
                      offset + count <= aBytes.count, offset + count <= bBytes.count else { return false }
                return memcmp(aBase + offset, bBase + offset, count) == 0
            }
        }
    }
}

/// What to hand ncurses for one cell, reconciling the grid's idea of a glyph's width with
/// ncurses's (the `wcwidth` of the first scalar, which is how far it moves the cursor).
/// Borders stay aligned only if the two agree, so disagreements are resolved here.
public struct GlyphPlan: Equatable, Sendable {
    /// A spacing character and up to four zero-width ones (the most a `cchar_t` holds).
    public var scalars: [UInt32]
    /// Blank cells to write after the glyph because ncurses will advance less than the grid
    /// expects (e.g. "❤️" is width 2 in the grid, 1 to wcwidth).
    public var paddingCells: Int

    static let replacement: UInt32 = 0xFFFD
    static let maximumScalars = 5
    static let zeroWidthJoiner: UInt32 = 0x200D
    static let variationSelector16: UInt32 = 0xFE0F

    /// `wcwidth` is injected so the plan is testable without the C library's locale.
    public static func make(text: String, gridWidth: Int, wcwidth: (UInt32) -> Int) -> GlyphPlan {
        let all = Array(text.unicodeScalars.map(\.value))
        guard let first = all.first else {
            return GlyphPlan(scalars: [0x20], paddingCells: max(0, gridWidth - 1))
        }
        let firstWidth = wcwidth(first)
        // A glyph ncurses would draw wider than the grid allows (or cannot draw at all) would
        // push the rest of the row right: show a replacement character instead.
        if firstWidth < 1 || firstWidth > max(gridWidth, 1) {
            return GlyphPlan(scalars: [replacement], paddingCells: max(0, gridWidth - 1))
        }
        // Keep the combining marks that follow the base; a cchar_t cannot hold a second spacing
        // character, so a ZWJ sequence is cut to its first emoji (without a dangling joiner).
        var scalars = [first]
        for value in all.dropFirst() {
            guard scalars.count < maximumScalars, wcwidth(value) == 0 else { break }
            scalars.append(value)
        }
        if scalars.count < all.count {
            while scalars.count > 1, scalars.last == zeroWidthJoiner { scalars.removeLast() }
        }
        let padding = max(0, gridWidth - firstWidth)
        if padding > 0 {
            // "❤️" and friends: terminals disagree on whether VS16 widens the base. Dropping it
            // shows the narrow text form everywhere, so the padding lands where ncurses thinks.
            scalars.removeAll { $0 == variationSelector16 }
        }
        return GlyphPlan(scalars: scalars, paddingCells: padding)
    }
}
