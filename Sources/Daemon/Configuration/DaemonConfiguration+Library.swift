public import Gateway
public import ISO18626

extension DaemonConfiguration {
    /// Who we are: the `[library]` table.
    public struct Library: Hashable, Sendable {
        /// The agency id we sign our requests with (the first of `agency_ids`).
        public var agencyID: AgencyID
        /// Our other agency ids (the rest of `agency_ids`).
        public var otherAgencyIDs: [AgencyID]
        /// A display name for logs and the CLI.
        public var name: String?
        /// Prefix of the ids we give our own transactions.
        public var requestIDPrefix: String
        /// Our branches (`[[library.branches]]`): pickup locations for borrowed items, owners of holdings.
        public var branches: [Branch]
        /// Our postal address, one line per element, for the return address of labels.
        public var address: [String]

        /// Creates the section.
        public init(
            agencyID: AgencyID,
            otherAgencyIDs: [AgencyID] = [],
            name: String? = nil,
            requestIDPrefix: String = "ILG",
            branches: [Branch] = [],
            address: [String] = []
        ) {
            self.agencyID = agencyID
            self.otherAgencyIDs = otherAgencyIDs
            self.name = name
            self.requestIDPrefix = requestIDPrefix
            self.branches = branches
            self.address = address
        }

        /// All our agency ids, the signing one first.
        public var agencyIDs: [AgencyID] { [agencyID] + otherAgencyIDs }
    }
}
