/// A document that could not be produced.
///
/// The code tells what failed; ``detail`` carries what the underlying library said, for the operator.
public struct PDFError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What failed. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String

        private init(_ name: String) {
            self.name = name
        }

        /// libharu refused an operation (its error number is in the detail).
        public static let pdfLibrary = Code("pdf library error")
        /// The text cannot be carried by a Code 128 barcode (only printable ASCII is accepted).
        public static let unencodableBarcode = Code("text cannot be printed as a barcode")
        /// libzint refused to encode the barcode.
        public static let barcodeLibrary = Code("barcode library error")
        /// A layout does not fit its page (for example table columns wider than the page).
        public static let layout = Code("layout does not fit")

        public var description: String { name }
    }

    /// What failed.
    public var code: Code
    /// What the library or the layout said about it.
    public var detail: String

    /// Creates an error with its code and detail.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code): \(detail)" }
}
