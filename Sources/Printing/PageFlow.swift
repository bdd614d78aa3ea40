/// Space kept free at a page's edges, in points.
public struct PageMargins: Hashable, Sendable {
    public var top: Double
    public var left: Double
    public var bottom: Double
    public var right: Double

    /// Margins in points.
    public init(top: Double, left: Double, bottom: Double, right: Double) {
        self.top = top
        self.left = left
        self.bottom = bottom
        self.right = right
    }

    /// The same margin on every side.
    public init(all: Double) {
        self.init(top: all, left: all, bottom: all, right: all)
    }

    /// 18 mm on every side: what office printers print inside.
    public static let office = PageMargins(all: 18 * PageSize.pointsPerMillimetre)
}

/// Content laid out from top to bottom across as many pages as it needs: a cursor that moves down the
/// page, and a new page (with its running header) when the next block does not fit.
public final class PageFlow {
    /// What a running header draws at the top of each page; returns the height it used.
    public typealias RunningHeader = (_ page: PDFPage, _ pageNumber: Int, _ flow: PageFlow) -> Double

    /// The document being drawn.
    public let document: PDFDocument
    /// The size of every page of the flow.
    public let pageSize: PageSize
    /// The margins of every page of the flow.
    public let margins: PageMargins
    /// The page being drawn on.
    public private(set) var page: PDFPage
    /// Where the next block starts, in points from the top of ``page``.
    public private(set) var cursor: Double
    private let runningHeader: RunningHeader?
    private let firstPageIndex: Int

    /// Starts a flow on a new page of `document`.
    public init(document: PDFDocument, pageSize: PageSize, margins: PageMargins = .office, runningHeader: RunningHeader? = nil) {
        self.document = document
        self.pageSize = pageSize
        self.margins = margins
        self.runningHeader = runningHeader
        self.firstPageIndex = document.pageCount
        self.page = document.addPage(pageSize)
        self.cursor = margins.top
        if let runningHeader {
            cursor += runningHeader(page, 1, self)
        }
    }

    /// The left edge of the content.
    public var left: Double { margins.left }
    /// The width between the margins.
    public var contentWidth: Double { pageSize.width - margins.left - margins.right }
    /// The height left on this page above the bottom margin.
    public var remainingHeight: Double { pageSize.height - margins.bottom - cursor }
    /// The number of pages this flow has drawn.
    public var pageCount: Int { document.pageCount - firstPageIndex }

    /// Starts a new page (with the running header).
    public func newPage() {
        page = document.addPage(pageSize)
        cursor = margins.top
        if let runningHeader {
            cursor += runningHeader(page, pageCount, self)
        }
    }

    /// Makes sure `height` points fit below the cursor, starting a new page if they do not.
    /// - Returns: whether a new page was started.
    @discardableResult
    public func ensureSpace(_ height: Double) -> Bool {
        guard height > remainingHeight, cursor > margins.top + 0.5 else { return false }
        newPage()
        return true
    }

    /// Moves the cursor down.
    public func advance(_ height: Double) {
        cursor += height
    }

    /// Lays out a paragraph across the content width (or from `indent`), breaking pages between lines.
    public func paragraph(_ text: String, style: TextStyle = .body, alignment: TextAlignment = .left, indent: Double = 0) {
        let width = contentWidth - indent
        for line in document.wrap(text, style, width: width) {
            ensureSpace(style.lineHeight)
            page.drawText(line, x: left + indent, baseline: cursor + style.size, style: style, alignment: alignment, width: width)
            cursor += style.lineHeight
        }
    }

    /// Lays out lines side by side in columns starting at the cursor (an address block beside the
    /// invoice details, say), and moves the cursor below the tallest.
    public func columns(_ blocks: [(lines: [String], style: TextStyle)], widths: [Double]) {
        let heights = blocks.map { Double($0.lines.count) * $0.style.lineHeight }
        ensureSpace(heights.max() ?? 0)
        var x = left
        for (index, block) in blocks.enumerated() {
            let width = index < widths.count ? widths[index] : contentWidth - (x - left)
            for (line, text) in block.lines.enumerated() {
                page.drawText(text, x: x, baseline: cursor + block.style.size + Double(line) * block.style.lineHeight, style: block.style)
            }
            x += width
        }
        cursor += heights.max() ?? 0
    }

    /// Draws a horizontal rule across the content width, with `spacing` above and below.
    public func rule(lineWidth: Double = 0.5, spacing: Double = 4) {
        ensureSpace(2 * spacing)
        cursor += spacing
        page.drawLine(fromX: left, fromY: cursor, toX: left + contentWidth, toY: cursor, lineWidth: lineWidth)
        cursor += spacing
    }

    /// Writes "Page n of m" (or what `label` says) at the foot of every page of the flow, right-aligned
    /// in the bottom margin. Call it once the content is complete.
    public func numberPages(style: TextStyle = .small, label: (_ page: Int, _ of: Int) -> String = { "Page \($0) of \($1)" }) {
        let total = pageCount
        for number in 1...max(total, 1) {
            guard let page = document.page(at: firstPageIndex + number - 1) else { continue }
            let baseline = pageSize.height - margins.bottom / 2
            page.drawText(label(number, total), x: left, baseline: baseline, style: style, alignment: .right, width: contentWidth)
        }
    }
}
