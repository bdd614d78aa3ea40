/// A column of a ``PDFTable``.
public struct TableColumn: Hashable, Sendable {
    /// How wide a column is.
    public enum Width: Hashable, Sendable {
        /// A width in points.
        case fixed(Double)
        /// A share of what the fixed columns leave, in proportion to the weight.
        case flexible(Double)
    }

    /// The heading printed above the column.
    public var title: String
    /// How wide the column is.
    public var width: Width
    /// How its cells are aligned (amounts: right).
    public var alignment: TextAlignment

    /// A column.
    public init(_ title: String, width: Width = .flexible(1), alignment: TextAlignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// A row of a ``PDFTable``.
public struct TableRow: Hashable, Sendable {
    /// One text per column; a cell wraps onto as many lines as it needs.
    public var cells: [String]
    /// Printed in bold with a rule above (totals).
    public var emphasised: Bool

    /// A row.
    public init(_ cells: [String], emphasised: Bool = false) {
        self.cells = cells
        self.emphasised = emphasised
    }
}

/// A table laid out in a ``PageFlow``: cells wrap, a row is never split across pages, and the heading
/// row is repeated at the top of every page the table continues on.
public struct PDFTable: Hashable, Sendable {
    /// The columns, left to right.
    public var columns: [TableColumn]
    /// The style of the heading row.
    public var headerStyle: TextStyle
    /// The style of the body rows (emphasised rows use its bold face).
    public var bodyStyle: TextStyle
    /// Space between a cell's text and its neighbours, in points.
    public var padding: Double

    /// A table with its columns.
    public init(columns: [TableColumn], headerStyle: TextStyle = TextStyle(.bold, size: 9), bodyStyle: TextStyle = TextStyle(.regular, size: 9), padding: Double = 3) {
        self.columns = columns
        self.headerStyle = headerStyle
        self.bodyStyle = bodyStyle
        self.padding = padding
    }

    /// The columns' widths in points for a content width.
    /// - Throws: ``PDFError/Code/layout`` when the fixed columns are wider than the content.
    public func columnWidths(contentWidth: Double) throws(PDFError) -> [Double] {
        var fixed = 0.0
        var weights = 0.0
        for column in columns {
            switch column.width {
            case .fixed(let points): fixed += points
            case .flexible(let weight): weights += max(weight, 0)
            }
        }
        guard fixed <= contentWidth + 0.01 else {
            throw PDFError(.layout, "table columns need \(Int(fixed)) pt, the page has \(Int(contentWidth)) pt")
        }
        let share = weights > 0 ? (contentWidth - fixed) / weights : 0
        return columns.map { column in
            switch column.width {
            case .fixed(let points): points
            case .flexible(let weight): max(weight, 0) * share
            }
        }
    }

    /// Draws the heading and the rows at the flow's cursor.
    /// - Throws: ``PDFError/Code/layout`` for a row whose cell count differs from the columns', or
    ///   columns that do not fit.
    public func draw(_ rows: [TableRow], in flow: PageFlow) throws(PDFError) {
        let widths = try columnWidths(contentWidth: flow.contentWidth)
        if let bad = rows.firstIndex(where: { $0.cells.count != columns.count }) {
            throw PDFError(.layout, "row \(bad + 1) has \(rows[bad].cells.count) cells for \(columns.count) columns")
        }
        let heading = TableRow(columns.map(\.title))
        let headingHeight = height(of: heading, style: headerStyle, widths: widths, in: flow)
        let firstRowHeight = rows.first.map { height(of: $0, style: style(of: $0), widths: widths, in: flow) } ?? 0
        flow.ensureSpace(headingHeight + firstRowHeight)
        drawHeading(heading, widths: widths, height: headingHeight, in: flow)
        for row in rows {
            let rowStyle = style(of: row)
            let rowHeight = height(of: row, style: rowStyle, widths: widths, in: flow)
            if flow.ensureSpace(rowHeight) {
                drawHeading(heading, widths: widths, height: headingHeight, in: flow)
            }
            if row.emphasised {
                flow.page.drawLine(fromX: flow.left, fromY: flow.cursor, toX: flow.left + flow.contentWidth, toY: flow.cursor, lineWidth: 0.75)
            }
            drawCells(row, style: rowStyle, widths: widths, in: flow)
            flow.advance(rowHeight)
        }
    }

    private func style(of row: TableRow) -> TextStyle {
        row.emphasised ? TextStyle(bodyStyle.font == .monospace ? .monospaceBold : .bold, size: bodyStyle.size) : bodyStyle
    }

    private func height(of row: TableRow, style: TextStyle, widths: [Double], in flow: PageFlow) -> Double {
        var lines = 1
        for (index, cell) in row.cells.enumerated() {
            lines = max(lines, flow.document.wrap(cell, style, width: widths[index] - 2 * padding).count)
        }
        return Double(lines) * style.lineHeight + 2 * padding
    }

    private func drawHeading(_ heading: TableRow, widths: [Double], height: Double, in flow: PageFlow) {
        flow.page.fillRectangle(x: flow.left, y: flow.cursor, width: flow.contentWidth, height: height, gray: 0.9)
        drawCells(heading, style: headerStyle, widths: widths, in: flow)
        flow.advance(height)
        flow.page.drawLine(fromX: flow.left, fromY: flow.cursor, toX: flow.left + flow.contentWidth, toY: flow.cursor, lineWidth: 0.5)
    }

    private func drawCells(_ row: TableRow, style: TextStyle, widths: [Double], in flow: PageFlow) {
        var x = flow.left
        for (index, cell) in row.cells.enumerated() {
            flow.page.drawWrappedText(
                cell,
                x: x + padding,
                top: flow.cursor + padding,
                width: widths[index] - 2 * padding,
                style: style,
                alignment: columns[index].alignment
            )
            x += widths[index]
        }
    }
}
