internal import Foundation
internal import Gateway

extension ConfigurationParser {
    // MARK: [[library.branches]]

    /// Our branches: each needs a code (1 to 16 letters, digits, '-' or '_', unique regardless of case)
    /// and a name; the address is optional.
    func readBranches(_ readers: [TableReader]) -> [Branch] {
        var branches: [Branch] = []
        var seen: Set<String> = []
        for reader in readers {
            reader.require("code", "the branch's short code, like \"MAIN\"")
            reader.require("name", "the branch's name as patrons know it, like \"Main Library\"")
            let code = reader.string("code", expected: "a string like \"MAIN\"")
            let name = reader.string("name", expected: "a string like \"Main Library\"")
            let address = reader.strings("address", expected: "an array of address lines, like [\"1 Library Way\", \"Springfield\"]")
            reader.finish()
            guard let code, let name else { continue }
            guard !code.isEmpty, code.count <= 16, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                reader.report("code", "must be 1 to 16 letters, digits, '-' or '_', found \"\(code)\"")
                continue
            }
            guard seen.insert(code.uppercased()).inserted else {
                reader.report("code", "\"\(code)\" is the code of another branch already")
                continue
            }
            if name.trimmingCharacters(in: .whitespaces).isEmpty {
                reader.report("name", "must not be empty")
                continue
            }
            branches.append(Branch(code: code, name: name, address: address?.map(\.value) ?? []))
        }
        return branches
    }
}
