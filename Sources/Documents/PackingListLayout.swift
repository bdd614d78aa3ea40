public import Foundation
public import Gateway
public import Printing

/// The packing lists of a day's shipments on A4 or Letter: one list per borrowing library, each starting on
/// a page of its own, with every loan's request id, our reference, title and due date, and the count.
public enum PackingListLayout {
    /// Renders the lists, one after another.
    /// - Throws: ``PDFError`` when there is nothing to print or the document cannot be drawn.
    public static func render(_ lists: [PackingList], pageSize: PageSize = .a4, calendar: Calendar) throws(PDFError) -> [UInt8] {
        guard !lists.isEmpty else {
            throw PDFError(.layout, "nothing was shipped that day: no packing list to print")
        }
        let document = try PDFDocument(title: "Packing lists \(lists[0].day)")
        let table = PDFTable(columns: [
            TableColumn("Request", width: .fixed(120)),
            TableColumn("Our reference", width: .fixed(100)),
            TableColumn("Title", width: .flexible(1)),
            TableColumn("Due back", width: .fixed(70)),
        ])
        for list in lists {
            let flow = PageFlow(document: document, pageSize: pageSize)
            flow.paragraph("Packing list", style: .title)
            flow.columns([(["From"] + list.from, .body), (["To", list.library, "Shipped \(list.day)"], .body)], widths: [flow.contentWidth / 2])
            flow.rule()
            let rows = list.lines.map { line in
                TableRow([line.requestID, line.ourRequestID ?? "", line.title, line.dueDate.map { DayFormat(calendar: calendar)($0) } ?? ""])
            }
            try table.draw(rows + [TableRow(["\(list.lines.count) item\(list.lines.count == 1 ? "" : "s")", "", "", ""], emphasised: true)], in: flow)
            flow.numberPages()
        }
        return try document.render()
    }
}
