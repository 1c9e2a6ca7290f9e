/// The sessions list is read a page at a time: the first page at start, the next when the
/// selection comes within a screen of the last one held, and all the rest when End asks for
/// the very last. A start with 100,000 sessions reads what one with 500 does.
public enum SessionPaging {
    public static let pageSize = 500
    /// How close to the end of what is held the selection may come before the next page is read.
    static let margin = 100
    /// What the status line says while End's read of all the rest is under way.
    static let readingTheRest = "Reading the rest of the sessions…"
}
