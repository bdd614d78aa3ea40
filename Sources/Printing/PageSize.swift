/// The size of a page, in PDF points (1/72 inch).
public struct PageSize: Hashable, Sendable {
    /// Width in points.
    public var width: Double
    /// Height in points.
    public var height: Double

    /// A page of the given size in points.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A page of the given size in millimetres.
    public init(widthMillimetres: Double, heightMillimetres: Double) {
        self.init(width: widthMillimetres * Self.pointsPerMillimetre, height: heightMillimetres * Self.pointsPerMillimetre)
    }

    /// A page of the given size in inches.
    public init(widthInches: Double, heightInches: Double) {
        self.init(width: widthInches * 72, height: heightInches * 72)
    }

    /// ISO A4 portrait (210 × 297 mm).
    public static let a4 = PageSize(width: 595.28, height: 841.89)
    /// US Letter portrait (8.5 × 11 in).
    public static let letter = PageSize(width: 612, height: 792)
    /// A 4 × 6 inch shipping label, the size thermal label printers take.
    public static let shippingLabel = PageSize(width: 288, height: 432)
    /// A book band: a strip of 3.5 × 11 inches (one third of a Letter sheet, the size libraries tuck into a book).
    public static let bookBand = PageSize(width: 252, height: 792)

    /// The same page turned on its side.
    public var landscape: PageSize { PageSize(width: max(width, height), height: min(width, height)) }

    /// Points in one millimetre.
    public static let pointsPerMillimetre = 72.0 / 25.4

    /// The named size for configuration: `a4`, `letter`, `label-4x6`, `band`.
    public init?(named name: String) {
        switch name.lowercased() {
        case "a4": self = .a4
        case "letter": self = .letter
        case "label-4x6", "label": self = .shippingLabel
        case "band", "book-band": self = .bookBand
        default: return nil
        }
    }

    /// The names ``init(named:)`` accepts.
    public static let names = ["a4", "letter", "label-4x6", "band"]
}
