internal import CZint

/// A Code 128 barcode as bars on a grid of modules (the narrowest bar or space is one module),
/// encoded by libzint. Pure data: ``PDFPage/drawBarcode(_:in:)`` draws it at any size.
public struct Code128Symbol: Hashable, Sendable {
    /// The text the barcode carries.
    public let text: String
    /// The width of the symbol in modules, without quiet zones.
    public let modules: Int
    /// The bars, as module ranges from the left edge of the symbol.
    public let bars: [Range<Int>]

    /// The quiet zone a scanner needs on each side, in modules (ISO/IEC 15417 asks for 10).
    public static let quietZoneModules = 10

    /// Encodes printable ASCII text (request ids, item barcodes, call numbers).
    /// - Throws: ``PDFError/Code/unencodableBarcode`` for empty text or a character outside printable
    ///   ASCII; ``PDFError/Code/barcodeLibrary`` when libzint refuses the text.
    public init(_ text: String) throws(PDFError) {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            throw PDFError(.unencodableBarcode, "'\(text)' is not printable ASCII")
        }
        guard let symbol = ZBarcode_Create() else {
            throw PDFError(.barcodeLibrary, "libzint could not allocate a symbol")
        }
        defer { ZBarcode_Delete(symbol) }
        symbol.pointee.symbology = BARCODE_CODE128
        symbol.pointee.show_hrt = 0
        let bytes = Array(text.utf8)
        let encoded = bytes.withUnsafeBufferPointer { buffer in
            ZBarcode_Encode(symbol, buffer.baseAddress, Int32(buffer.count))
        }
        guard encoded < ZINT_ERROR else {
            throw PDFError(.barcodeLibrary, "libzint: \(Self.errorText(symbol))")
        }
        guard ZBarcode_Buffer_Vector(symbol, 0) < ZINT_ERROR, let vector = symbol.pointee.vector else {
            throw PDFError(.barcodeLibrary, "libzint: \(Self.errorText(symbol))")
        }
        let modules = Int(symbol.pointee.width)
        guard modules > 0, vector.pointee.width > 0 else {
            throw PDFError(.barcodeLibrary, "libzint produced an empty symbol for '\(text)'")
        }
        let unit = Double(vector.pointee.width) / Double(modules)
        var bars: [Range<Int>] = []
        var rectangle = vector.pointee.rectangles
        while let current = rectangle {
            let start = Int((Double(current.pointee.x) / unit).rounded())
            let width = max(1, Int((Double(current.pointee.width) / unit).rounded()))
            bars.append(start..<(start + width))
            rectangle = current.pointee.next
        }
        self.text = text
        self.modules = modules
        self.bars = bars.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// The width of the symbol with both quiet zones, in modules.
    public var modulesWithQuietZones: Int { modules + 2 * Self.quietZoneModules }

    private static func errorText(_ symbol: UnsafeMutablePointer<zint_symbol>) -> String {
        withUnsafeBytes(of: symbol.pointee.errtxt) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
