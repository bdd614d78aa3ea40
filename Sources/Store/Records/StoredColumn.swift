/// A column of a stored row that holds a code as text (a role, a state, a status): reads the text back into
/// its Swift type, or reports the row. A value this version does not know is never replaced by a plausible one.
struct StoredColumn {
    /// The table.
    var table: String
    /// The row's id.
    var rowID: Int64
    /// The column's name.
    var name: String
    /// What the column may hold, in a few words, for the error (`a lending state`).
    var expected: String

    /// The stored text as `Code`.
    /// - Throws: ``StoreError/Code/corruptValue`` naming the table, the row, the column and the value.
    func code<Code: RawRepresentable<String>>(_ raw: String?, as type: Code.Type) throws(StoreError) -> Code {
        guard let raw, let code = Code(rawValue: raw) else {
            throw StoreError.corruptValue(table: table, rowID: rowID, column: name, value: raw, expected: expected)
        }
        return code
    }

    /// The stored text as `Code`, for a column that may be NULL: NULL is `nil`, any other value must be known.
    func optionalCode<Code: RawRepresentable<String>>(_ raw: String?, as type: Code.Type) throws(StoreError) -> Code? {
        guard let raw else { return nil }
        return try code(raw, as: type)
    }
}

