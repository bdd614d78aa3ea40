/// An error found while mapping a parsed document onto the model, before the header ids are attached.
struct DecodingFailure: Error {
    var errorType: ErrorType
    var path: String
    var problem: String
    var line: Int?
    var column: Int?

    var errorValue: String {
        "\(path): \(problem)" + XMLPosition(line: line, column: column).suffix
    }
}
