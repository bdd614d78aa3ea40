/// Identifies a library or other agency: a type (usually `ISIL`) and a value (`DK-820010`).
public struct AgencyID: Hashable, Sendable, CustomStringConvertible {
    /// The kind of identifier, from the AgencyIdType open list.
    public var type: AgencyIDType
    /// The identifier itself.
    public var value: String

    /// Creates an agency id.
    public init(type: AgencyIDType, value: String) {
        self.type = type
        self.value = value
    }

    /// The `TYPE:VALUE` form peers and configuration files use as a key, such as `ISIL:DK-820010`.
    public var description: String { "\(type.value):\(value)" }
}
