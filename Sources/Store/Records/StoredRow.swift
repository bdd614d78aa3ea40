/// A stored row, for naming its columns in errors.
struct StoredRow {
    /// The table.
    var table: String
    /// The row's id.
    var id: Int64

    /// One of the row's columns, holding a code.
    /// - Parameter expected: what the column may hold, in a few words (`a lending state`).
    func column(_ name: String, _ expected: String) -> StoredColumn {
        StoredColumn(table: table, rowID: id, name: name, expected: expected)
    }
}
