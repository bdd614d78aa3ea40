/// The typefaces a document uses: the PDF standard fonts, which every reader has, so no font file is
/// embedded or needed on the machine, and text extracts the same everywhere.
public enum PDFFont: String, CaseIterable, Hashable, Sendable {
    /// Helvetica, for running text.
    case regular = "Helvetica"
    /// Helvetica Bold, for headings and totals.
    case bold = "Helvetica-Bold"
    /// Helvetica Oblique, for notes.
    case italic = "Helvetica-Oblique"
    /// Courier, for identifiers and call numbers, where each character must be read exactly.
    case monospace = "Courier"
    /// Courier Bold.
    case monospaceBold = "Courier-Bold"

    /// The PDF base font name.
    public var baseFontName: String { rawValue }
}

/// A font at a size.
public struct TextStyle: Hashable, Sendable {
    /// The typeface.
    public var font: PDFFont
    /// The size in points.
    public var size: Double

    /// A font at a size.
    public init(_ font: PDFFont = .regular, size: Double = 10) {
        self.font = font
        self.size = size
    }

    /// The distance from one baseline to the next for this style (1.2 × the size).
    public var lineHeight: Double { size * 1.2 }

    /// Body text, 10 pt.
    public static let body = TextStyle(.regular, size: 10)
    /// Small print, 8 pt.
    public static let small = TextStyle(.regular, size: 8)
    /// Bold body text, 10 pt.
    public static let strong = TextStyle(.bold, size: 10)
    /// A document title, 16 pt bold.
    public static let title = TextStyle(.bold, size: 16)
    /// A section heading, 12 pt bold.
    public static let heading = TextStyle(.bold, size: 12)
}

/// Where a line of text sits in the width it is given.
public enum TextAlignment: Hashable, Sendable {
    case left
    case center
    case right
}
