internal import CLibHaru

/// A PDF document being drawn, over libharu.
///
/// Draw on its pages (``addPage(_:)``), then ``render()`` it to bytes. Drawing calls do not throw: the
/// first failure libharu reports is kept and thrown by ``render()``, so a document is either whole or an
/// error, never a half-drawn file. A document belongs to the task that draws it (it is not `Sendable`).
public final class PDFDocument {
    private let handle: HPDF_Doc
    private var fontHandles: [PDFFont: HPDF_Font] = [:]
    private var pageHandles: [(handle: HPDF_Page, size: PageSize)] = []
    private var firstError: PDFError?

    /// Starts an empty document.
    /// - Parameters:
    ///   - title: The document title shown by PDF readers.
    ///   - creator: The program named as its creator.
    public init(title: String, creator: String = "illgate") throws(PDFError) {
        guard let handle = HPDF_New(nil, nil) else {
            throw PDFError(.pdfLibrary, "libharu could not create a document")
        }
        self.handle = handle
        if HPDF_SetCompressionMode(handle, HPDF_UINT(HPDF_COMP_ALL)) != HPDF_STATUS(HPDF_OK) {
            // A libharu built without zlib writes uncompressed streams: still a valid document.
            HPDF_ResetError(handle)
        }
        setInfo(HPDF_INFO_TITLE, title)
        setInfo(HPDF_INFO_CREATOR, creator)
    }

    deinit {
        HPDF_Free(handle)
    }

    /// The number of pages drawn so far.
    public var pageCount: Int { pageHandles.count }

    /// Adds a page at the end and returns it for drawing.
    @discardableResult
    public func addPage(_ size: PageSize) -> PDFPage {
        guard let page = HPDF_AddPage(handle) else {
            record("adding a page")
            return PDFPage(document: self, handle: nil, size: size)
        }
        check(HPDF_Page_SetWidth(page, HPDF_REAL(size.width)), "setting the page width")
        check(HPDF_Page_SetHeight(page, HPDF_REAL(size.height)), "setting the page height")
        pageHandles.append((page, size))
        return PDFPage(document: self, handle: page, size: size)
    }

    /// An earlier page, to draw on again (for example to add "page 2 of 5" once the count is known).
    public func page(at index: Int) -> PDFPage? {
        guard pageHandles.indices.contains(index) else { return nil }
        let page = pageHandles[index]
        return PDFPage(document: self, handle: page.handle, size: page.size)
    }

    /// The width of a line of text in points.
    public func textWidth(_ text: String, _ style: TextStyle) -> Double {
        let encoded = WinAnsiText(text)
        guard !encoded.bytes.isEmpty, let font = font(style.font) else { return 0 }
        let measured = encoded.bytes.withUnsafeBufferPointer { buffer in
            HPDF_Font_TextWidth(font, buffer.baseAddress, HPDF_UINT(buffer.count))
        }
        return Double(measured.width) * style.size / 1000
    }

    /// Breaks text into lines no wider than `width`, at spaces where it can and inside a word only when
    /// the word alone is wider than the line. Line breaks in the text are kept.
    public func wrap(_ text: String, _ style: TextStyle, width: Double) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if textWidth(candidate, style) <= width {
                    current = candidate
                    continue
                }
                if !current.isEmpty {
                    lines.append(current)
                }
                current = ""
                for character in word {
                    let longer = current + String(character)
                    if !current.isEmpty, textWidth(longer, style) > width {
                        lines.append(current)
                        current = String(character)
                    } else {
                        current = longer
                    }
                }
            }
            lines.append(current)
        }
        return lines
    }

    /// The finished document's bytes.
    /// - Throws: the first failure met while drawing or writing.
    public func render() throws(PDFError) -> [UInt8] {
        if let firstError {
            throw firstError
        }
        guard !pageHandles.isEmpty else {
            throw PDFError(.layout, "the document has no page")
        }
        guard HPDF_SaveToStream(handle) == HPDF_STATUS(HPDF_OK) else {
            throw failure("writing the document")
        }
        let size = Int(HPDF_GetStreamSize(handle))
        var bytes = [UInt8](repeating: 0, count: size)
        var offset = 0
        while offset < size {
            var chunk = HPDF_UINT32(size - offset)
            let status = bytes.withUnsafeMutableBufferPointer { buffer -> HPDF_STATUS in
                guard let base = buffer.baseAddress else { return HPDF_STATUS(HPDF_STREAM_EOF) }
                return HPDF_ReadFromStream(handle, base + offset, &chunk)
            }
            offset += Int(chunk)
            if status == HPDF_STATUS(HPDF_STREAM_EOF) { break }
            guard status == HPDF_STATUS(HPDF_OK), chunk > 0 else {
                throw failure("reading the written document")
            }
        }
        return Array(bytes.prefix(offset))
    }

    // MARK: - For PDFPage

    /// The libharu font for a typeface, loaded once per document.
    func font(_ font: PDFFont) -> HPDF_Font? {
        if let loaded = fontHandles[font] {
            return loaded
        }
        guard let loaded = HPDF_GetFont(handle, font.baseFontName, "WinAnsiEncoding") else {
            record("loading the font \(font.baseFontName)")
            return nil
        }
        fontHandles[font] = loaded
        return loaded
    }

    /// Keeps the first failure of a drawing call.
    func check(_ status: HPDF_STATUS, _ doing: @autoclosure () -> String) {
        if status != HPDF_STATUS(HPDF_OK) {
            record(doing())
        }
    }

    private func record(_ doing: String) {
        if firstError == nil {
            firstError = failure(doing)
        }
    }

    private func failure(_ doing: String) -> PDFError {
        let code = HPDF_GetError(handle)
        let detail = HPDF_GetErrorDetail(handle)
        HPDF_ResetError(handle)
        return PDFError(.pdfLibrary, "libharu error 0x\(String(code, radix: 16)) (detail \(detail)) while \(doing)")
    }

    private func setInfo(_ attribute: HPDF_InfoType, _ value: String) {
        var bytes = WinAnsiText(value).bytes
        bytes.append(0)
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { HPDF_SetInfoAttr(handle, attribute, $0.baseAddress) }
        }
        check(status, "setting the document information")
    }
}
