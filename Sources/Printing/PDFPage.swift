internal import CLibHaru

/// One page of a ``PDFDocument``, to draw on.
///
/// Coordinates are in points from the page's **top-left** corner, y growing downwards, as layouts are
/// thought of; the page turns them into PDF's bottom-left coordinates.
public struct PDFPage {
    /// The document the page belongs to (for measuring text and loading fonts).
    public let document: PDFDocument
    private let handle: HPDF_Page?
    /// The page's size.
    public let size: PageSize

    init(document: PDFDocument, handle: HPDF_Page?, size: PageSize) {
        self.document = document
        self.handle = handle
        self.size = size
    }

    /// Draws one line of text.
    /// - Parameters:
    ///   - text: The text; it is not wrapped (see ``PDFDocument/wrap(_:_:width:)``).
    ///   - x: The left edge of the box the text is aligned in.
    ///   - baseline: The baseline, from the top of the page.
    ///   - style: Font and size.
    ///   - alignment: Where the text sits in a box of `width` starting at `x`.
    ///   - width: The box's width, for centred and right-aligned text.
    ///   - gray: 0 is black, 1 white.
    public func drawText(
        _ text: String,
        x: Double,
        baseline: Double,
        style: TextStyle = .body,
        alignment: TextAlignment = .left,
        width: Double = 0,
        gray: Double = 0
    ) {
        guard let handle, let font = document.font(style.font) else { return }
        var bytes = WinAnsiText(text).bytes
        guard !bytes.isEmpty else { return }
        let left: Double
        switch alignment {
        case .left: left = x
        case .center: left = x + (width - document.textWidth(text, style)) / 2
        case .right: left = x + width - document.textWidth(text, style)
        }
        bytes.append(0)
        document.check(HPDF_Page_SetGrayFill(handle, HPDF_REAL(gray)), "setting the text colour")
        document.check(HPDF_Page_BeginText(handle), "beginning text")
        document.check(HPDF_Page_SetFontAndSize(handle, font, HPDF_REAL(style.size)), "setting the font")
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                HPDF_Page_TextOut(handle, HPDF_REAL(left), HPDF_REAL(size.height - baseline), $0.baseAddress)
            }
        }
        document.check(status, "drawing text")
        document.check(HPDF_Page_EndText(handle), "ending text")
    }

    /// Draws text wrapped to a width and returns the height it took (lines × the style's line height).
    /// - Parameter top: The top of the first line, from the top of the page.
    @discardableResult
    public func drawWrappedText(
        _ text: String,
        x: Double,
        top: Double,
        width: Double,
        style: TextStyle = .body,
        alignment: TextAlignment = .left
    ) -> Double {
        let lines = document.wrap(text, style, width: width)
        for (index, line) in lines.enumerated() {
            let baseline = top + style.size + Double(index) * style.lineHeight
            drawText(line, x: x, baseline: baseline, style: style, alignment: alignment, width: width)
        }
        return Double(lines.count) * style.lineHeight
    }

    /// Draws a straight line.
    public func drawLine(fromX: Double, fromY: Double, toX: Double, toY: Double, lineWidth: Double = 0.5, gray: Double = 0) {
        guard let handle else { return }
        document.check(HPDF_Page_SetLineWidth(handle, HPDF_REAL(lineWidth)), "setting the line width")
        document.check(HPDF_Page_SetGrayStroke(handle, HPDF_REAL(gray)), "setting the line colour")
        document.check(HPDF_Page_MoveTo(handle, HPDF_REAL(fromX), HPDF_REAL(size.height - fromY)), "drawing a line")
        document.check(HPDF_Page_LineTo(handle, HPDF_REAL(toX), HPDF_REAL(size.height - toY)), "drawing a line")
        document.check(HPDF_Page_Stroke(handle), "drawing a line")
    }

    /// Draws the outline of a rectangle whose top-left corner is at (`x`, `y`).
    public func strokeRectangle(x: Double, y: Double, width: Double, height: Double, lineWidth: Double = 0.5, gray: Double = 0) {
        guard let handle else { return }
        document.check(HPDF_Page_SetLineWidth(handle, HPDF_REAL(lineWidth)), "setting the line width")
        document.check(HPDF_Page_SetGrayStroke(handle, HPDF_REAL(gray)), "setting the line colour")
        document.check(
            HPDF_Page_Rectangle(handle, HPDF_REAL(x), HPDF_REAL(size.height - y - height), HPDF_REAL(width), HPDF_REAL(height)),
            "drawing a rectangle"
        )
        document.check(HPDF_Page_Stroke(handle), "drawing a rectangle")
    }

    /// Fills a rectangle whose top-left corner is at (`x`, `y`) with a shade of grey (0 black, 1 white).
    public func fillRectangle(x: Double, y: Double, width: Double, height: Double, gray: Double) {
        guard let handle else { return }
        document.check(HPDF_Page_SetGrayFill(handle, HPDF_REAL(gray)), "setting the fill colour")
        document.check(
            HPDF_Page_Rectangle(handle, HPDF_REAL(x), HPDF_REAL(size.height - y - height), HPDF_REAL(width), HPDF_REAL(height)),
            "filling a rectangle"
        )
        document.check(HPDF_Page_Fill(handle), "filling a rectangle")
    }

    /// Draws a barcode filling the box whose top-left corner is at (`x`, `y`), quiet zones included
    /// (the bars take the width left after a quiet zone of ``Code128Symbol/quietZoneModules`` each side).
    ///
    /// Keep a module at least 0.75 pt wide (about 0.26 mm) for hand scanners: `width` ≥
    /// 0.75 × ``Code128Symbol/modulesWithQuietZones``.
    public func drawBarcode(_ symbol: Code128Symbol, x: Double, y: Double, width: Double, height: Double) {
        let module = width / Double(symbol.modulesWithQuietZones)
        let left = x + Double(Code128Symbol.quietZoneModules) * module
        for bar in symbol.bars {
            fillRectangle(
                x: left + Double(bar.lowerBound) * module,
                y: y,
                width: Double(bar.count) * module,
                height: height,
                gray: 0
            )
        }
    }
}
