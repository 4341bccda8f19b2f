// Generated from openapi.yaml by scripts/generate-console-api-types.ts; do not edit by hand.
export interface paths {
    "/v1/exchanges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the exchanges you sent or received, newest first. */
        get: operations["listExchanges"];
        put?: never;
        /**
         * Submit a message for delivery.
         * @description Authenticates the sender, validates the envelope and the message, routes it to the receiver, decides whether the exchange is allowed, records the decision in the audit log and, when allowed, queues the minimised message for delivery. A refused exchange is recorded too and still gets an exchange id (403 `policy-denied`). With an `Idempotency-Key`, repeating the same request returns the first answer again.
         *
         *     **Native iJw 3.2 XML.** The body may also be an iJw message as XML (`Content-Type: application/xml`, UTF-8). The gateway reads the envelope from the message itself: the type from the root element's namespace, the receiver from `Header/Ontvanger` (the gemeentecode or AGB code of a party), the purpose from the policy's table for that type (`consent/ijw-purposes.json`), the child from `Client`. The sender is the authenticated party, and `Header/Afzender` must be its own code. A retour (JW302, JW306, JW308, JW316, JW318, JW320) copies its heen message's header, so it is routed by pairing with the heen message that went through the gateway (its type, Afzender and BerichtIdentificatie), not by a header field; a retour that answers no such message, or comes from another party than the one that received it, is refused (400, pointer `/Header/BerichtIdentificatie`). For an XML body, error pointers point into the message's JSON form from its `Bericht` element (`/Client/Bsn`), not into an envelope, and each error also has `path`, the element in the XML (`/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Einddatum`). Each fault is one error, named by its iJw rule (`rule`, e.g. RS032 for a date with a time zone; OP192 with the schema `keyword` for a fault no iJw restriction states) with the rule's Dutch wording (`ruleText`); what the XML parser refuses itself (element order, namespaces) is OP192 with `keyword` `xml`. A schema's regular expression is never quoted.
         *
         *     **The iJw answer.** A sender that speaks only iJw asks for the retour of its message with `Accept: application/xml` (JSON or XML body alike). For a heen message (JW301, JW305, JW307, JW315, JW317, JW319) the answer is then the matching technical retour, valid against its official XSD. One retour per heen message: when the receiver writes its own (its party setting `ijwRetour` is `receiver`, the default), an accepted message is answered with the plain JSON acknowledgement and `Ijw-Retour: receiver`, and the receiver's retour is forwarded when it comes; when the gateway writes them (`ijwRetour: gateway`), 202 with `RetourCode` 0200 on the header and no client (iJw OP065: a retour holds only clients of whom it rejects a class), and a retour the receiver sends for that message is refused (409 `conflict`). Refusals are always answered by the gateway: 403 (policy) with 0001 on the header and 0233 (not assessed) on the body; 400, 403 `sender-mismatch` or 422 with each error's retourcode (or 0001) on the class the error points into, classes below a refused one 0233. This holds for XSD faults too: the XML is read as far as it goes (element order, repeated elements, namespaces and bad values are reported on their class), and a date written with a time zone is copied as that date. Where the type has no retour (a retour, JW323, JW325), the answer is the JSON one. Where the message has a retour but none can be made (the XML is not well-formed or not UTF-8, its root is no iJw message, it has no `Header`, or a value the retour must copy is unusable), the answer is the problem document with `noRetour`: why, iJw rule OP047 and, where one fits, the berichtenverkeer foutcode (BRS14 not well-formed, BRS13 not as the XSD says).
         */
        post: operations["submitExchange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchanges/{exchangeId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        /**
         * One exchange with its decision and its audit history.
         * @description Visible to its sender and its receiver only. For any other party the answer is 404, the same as for an unknown id, so that the existence of an exchange does not leak.
         */
        get: operations["getExchange"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/exchanges/{exchangeId}/receipt": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        /**
         * The sender's receipt that its exchange is in the audit log.
         * @description A signed statement that the exchange's audit record (its `exchange.submit` record, allowed or refused) is in the log: the record itself, its inclusion proof in the RFC 6962 Merkle tree over the audit records, and a tree head signed with the gateway's Ed25519 key (`GET /v1/audit/signing-key`). Verifiable offline with that public key (`ketenpoort audit verify-receipt`); a log rewritten before the tree head's size cannot show the same root again. For the exchange's sender only: for any other party, and for an unknown id, the answer is 404. The read is audited (`audit.read`, detail `receipt`), and the tree head covers the chain up to that record. 404 too when the gateway has no signing key.
         */
        get: operations["getExchangeReceipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the messages waiting for you, oldest first. */
        get: operations["listInbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/{exchangeId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        /**
         * One inbox item with its message.
         * @description 404 when the item is unknown or addressed to another party, and also once it has been acknowledged: the payload is removed on acknowledgement.
         */
        get: operations["getInboxItem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbox/{exchangeId}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge receipt of an inbox item.
         * @description Marks the item as received (recorded in the audit log as `inbox.ack`) and removes its payload. 404 when the item is unknown or addressed to another party.
         */
        post: operations["acknowledgeInboxItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Care-path signals you owe an answer for, or concern a child of your gemeente.
         * @description Signals the watchdog (job kind `watchdog`) raised for overdue care-path items: a retour, an answer to a JW315/JW317, a JW325, a start or stop, a verzoek om wijziging before a toewijzing ends, a follow-up after care stopped early; each with the rule or term it rests on and its last day. Visible to the party that owes the awaited message and to the gemeente of the child. References only (the child's pseudonym, never a BSN or a payload). A signal closes itself when the awaited message arrives. Oldest first; page on with `next`.
         */
        get: operations["listSignals"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signals/{signalId}/acknowledgement": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                signalId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge an open signal with a note.
         * @description The signal stays until the awaited message arrives; acknowledging says that someone is on it (recorded in the audit log as `signal.acknowledge`). The note must not contain a BSN or any other 9-digit number. 404 when the signal is unknown or not yours to see; 409 when it is not open.
         */
        post: operations["acknowledgeSignal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your subscriptions (never their secrets). */
        get: operations["listSubscriptions"];
        put?: never;
        /**
         * Subscribe a URL to status events about your own exchanges.
         * @description Status callbacks: the gateway POSTs an event to `url` when one of your exchanges is delivered (`exchange.delivered`), becomes a dead letter (`exchange.dead-lettered`), is refused by the re-decision of a replay (`exchange.refused`), when an iJw retour to a heen message you sent came in (`retour.received`) and when a care-path signal is raised about a message you sent (`signal.raised`); `events` narrows the kinds (default all). Each event is queued in the transaction of the change it tells of and delivered through the gateway's outbox, with its retries and dead letters; the events about one exchange arrive in order per subscription (a later one waits while an earlier one is retried). The body is the event (`StatusEvent`, see `webhooks`): references and status only, never a payload or a BSN. Each request is signed: `Ketenpoort-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>`; `Ketenpoort-Event-Id` and `Idempotency-Key` carry the event id (the same on every retry, so a receiver can drop a duplicate). The `secret` is in this answer only, never again. The URL must be http or https without credentials, and its host must pass the gateway's `subscriptions` settings (`allowedHosts`; no loopback, private or link-local address unless allowed), else 400 naming `/url`; at most `subscriptions.maxPerParty` subscriptions per party (409). Audited as `subscription.create`.
         */
        post: operations["createSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{subscriptionId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete one of your subscriptions.
         * @description Its events not yet sent are cancelled (a retry in flight may still arrive). 404 when the subscription is unknown or another party's. Audited as `subscription.delete`.
         */
        delete: operations["deleteSubscription"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your own audit records, in chain order.
         * @description The audit records in which the calling party is the actor or the counterparty, in ascending `seq` order. Page on with `afterSeq` set to the `next` of the previous page.
         */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the audit hash chain.
         * @description Walks the chain from its start, recomputing every record's hash, and names the first broken record if there is one. Also checks every signed checkpoint against its record and the gateway's public key; `ok` is false when a checkpoint fails (for instance when records after a signed one were removed). For staff (privacy officer, operator, admin): walking the whole chain is costly and reveals its size, so agency tokens get 403. One walk runs at a time: a request that comes while one runs waits for it and gets the next walk, started after it came. A chain of 100,000 records or more is walked by two threads, with the same answer.
         */
        get: operations["verifyAuditChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The consents your organisation registered, in registration order.
         * @description Agencies only. The read is audited (`consent.read`).
         */
        get: operations["listConsents"];
        put?: never;
        /**
         * Register a consent (or an objection) for a child.
         * @description An agency records who gave consent for which child, in which capacity, for what (purposes, senders, receiving parties or roles, message types or data categories), for which period and on which evidence. It covers the registering agency's own disclosures (its secrecy is what the consent waives). The child is stored only as the keyed pseudonym of the BSN. Checked beyond the schema and refused with every problem listed: dates in the wrong order, a giver who is not a custodian (gezaghebbende), a child's own consent after it was judged not competent, more custodians than the child has, purposes no rule asks consent for, unknown receiving parties, message types or data categories. Audited as `consent.grant`. Each receiving party it names (by id or role) whose system keeps consents (a FHIR adapter) is sent a `ConsentNotice` in the same transaction, an exchange of the gateway's own that arrives as a FHIR Consent; `notices` lists them (docs/fhir-mapping.md).
         */
        post: operations["registerConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consents/{consentId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The consent id (as returned by `registerConsent`). */
                consentId: components["parameters"]["ConsentIdPath"];
            };
            cookie?: never;
        };
        /**
         * One consent, with its revocation if it was revoked.
         * @description For the registering agency and privacy officers; anyone else gets 404, as for an unknown id. The read is audited (`consent.read`).
         */
        get: operations["getConsent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/consents/{consentId}/revocation": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The consent id (as returned by `registerConsent`). */
                consentId: components["parameters"]["ConsentIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revoke a consent.
         * @description As easy as granting (AVG art. 7(3)): every member of the body is optional. The consent is kept with its revocation; nothing is deleted. In the same transaction the child's pending deliveries that rested on it are cancelled (their exchanges get status `cancelled`, each audited as `delivery.cancel`); deliveries already made stay lawful. For the registering agency and privacy officers. Audited as `consent.revoke`. A consent notice still waiting in the outbox is cancelled with them; each party that may hold the consent (its notice was delivered, in flight or failed) is sent a revocation notice (`notices`): its FHIR Consent turns inactive.
         */
        post: operations["revokeConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regie": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Register the regievoerder of a child (a gemeente or GI).
         * @description At most one active regievoerder per child: an organisation (a party) and a function or team to contact, on a legal basis from the catalogue. Registered by a party of a role in `regie.registrarRoles` (default gemeente and gi) that is involved with the child: a GI while it carries out a child-protection measure for the child whose court decision (NotificatieBeslissingRechtspraak) went through the gateway and that runs today (else 403, reason `no-measure` or `measure-ended`), any other registrar when it has exchanged about the child through the gateway or the care path names its gemeentecode (else 403, `not-involved`); checked before the register is read. `party` defaults to the caller. When the child already has one, 409 naming its organisation (a change goes by handover); two registrations at the same moment cannot both win. Audited as `regie.register` (refusals too).
         */
        post: operations["registerRegie"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regie/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Who has the regie for this child?
         * @description A party that exchanged about the child through the gateway (an exchange that was not refused), the regievoerder itself, or the party that registered it gets the organisation and contact function; anyone else (another gemeente too) gets `{"regie": null}`, exactly as for a child without regievoerder. Audited as `regie.lookup` with the truth (found, no-regie, not-entitled) for the privacy officer.
         */
        post: operations["lookUpRegie"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regie/handovers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Propose to hand the regie over to another party.
         * @description By the regievoerder or the party that registered it. Until the other party accepts, the regievoerder stays responsible. One open proposal per child (409 otherwise); a handover to the regievoerder itself or to an unknown party is a 400; for a child without regie, or a caller who may not change it, 404. Audited as `regie.handover`.
         */
        post: operations["proposeRegieHandover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regie/handovers/{handoverId}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                handoverId: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept or decline a proposed handover (the party it is offered to).
         * @description Acceptance ends the old regie and starts the new one in one transaction; a decline leaves the regie where it was. To any other party the proposal does not exist (404); a proposal already decided is a 409. Audited as `regie.handover`.
         */
        post: operations["decideRegieHandover"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regie/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the regie of a child, with a reason.
         * @description By the regievoerder or the party that registered it, with a reason from the list (never silently none); not while a handover waits for an answer (409). Audited as `regie.end`.
         */
        post: operations["endRegie"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/consent-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A child's consent log (privacy officer).
         * @description Every consent and objection registered for the child, active and revoked, found through the keyed pseudonym of the BSN in the body (a BSN never goes in a URL). Audited as `privacy.read`.
         */
        post: operations["readConsentLog"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/audit-search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The audit trail, filtered by child, party, purpose, outcome, action and period (privacy officer).
         * @description Every filter is optional and they combine. Records come in chain order; page on with `afterSeq` set to the `next` of the previous page. Audited as `privacy.read`.
         */
        post: operations["searchAudit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Consents ending soon, or revoked recently, with what each revocation cancelled (privacy officer).
         * @description Across all children. `list=expiring` gives the active consents (permits and objections) whose period ends today or in the next `days` days (Dutch calendar days), soonest first; `list=revoked` gives the consents revoked in the last `days` days, newest revocation first, each with the pending deliveries its revocation cancelled (metadata only; at most 20, `moreCancelled` says when there were more). A child appears by its consents only, never by a BSN or pseudonym. Unknown parameters are a 400 naming them. Audited as `consent.read` with the ids of the consents shown.
         */
        get: operations["listConsentOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/decision-statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Refusals and overrides per party and reason over time (privacy officer).
         * @description Per Dutch calendar day (Europe/Amsterdam) from `from` to `to` (inclusive; default the last 30 days up to today; at most 92 days), one series of counts per sending party and reason for the exchanges the gateway refused, and per sending party and reason code for the break-glass overrides. Counts only; most frequent series first. Unknown parameters are a 400 naming them. Audited as `privacy.read`.
         */
        get: operations["readDecisionStatistics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The review queue of break-glass overrides (privacy officer).
         * @description Oldest first; filter by status. Audited as `privacy.read`.
         */
        get: operations["listOverrideReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/reviews/{exchangeId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Judge a break-glass override justified or not, with a note (privacy officer).
         * @description Once per override (409 `conflict` after that). Audited as `override.review` with the verdict; the note stays with the review.
         */
        post: operations["reviewOverride"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/audit-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the audit hash chain, audited (privacy officer).
         * @description As `GET /v1/audit/verification`, and the verification is itself recorded (`privacy.read`): it names the first broken record, if any.
         */
        get: operations["verifyAuditChainAsPrivacyOfficer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/subject-access-export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Everything about one child, for an access request (AVG art. 15) (privacy officer).
         * @description Every exchange about the child (allowed, refused, cancelled; including those the gateway created as a side effect), with counterparty, purpose, legal basis, processing activity, released fields and the consent or override it used; the child's consents; and the rights the data subject is told about. Exchanges of a confidential processing activity are marked: the officer decides what may be handed over. Audited as `privacy.read`.
         */
        post: operations["exportSubjectAccess"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy/explain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What the policy would decide for a sample exchange, and why (nothing is sent).
         * @description For privacy officers and integrators testing their flows. The body is an exchange envelope as for `POST /v1/exchanges`; an agency explains its own exchanges, a privacy officer or admin names the party in `sender`. The answer lists the rules that share the message type or the sender and receiver roles, with which of their conditions matched; the rule that applies with its legal basis, processing activity, blocks and preconditions (held or not), consent mode, override permission and fields; the message's own validation errors (a submission would get 400 for them); and the decision. The consent registry is not read: where the rule rests on consent, the decision assumes no consent is registered. Audited as `policy.explain`.
         */
        post: operations["explainPolicy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/statistics/waiting-times": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Waiting times of the care paths, per gemeente, aanbieder, product category and month.
         * @description Four measures (calendar days, each counted in the month the wait ended): `request-answer` (a JW315 or JW317 to its first answer, with the share answered within the legal term), `request-toewijzing` (a JW315 to the JW301 that honoured it), `toewijzing-start` (a new toewijzing to its first start), `request-start`; and the refusals (JW319) per reason. Per cell: distinct children, count, median and 90th percentile, share within the term. **No figure can point at a child**: a cell with fewer children than the configured threshold (default 10, never below 5) is suppressed, and so is any cell that would reveal one by subtraction from a published total (`suppressed: primary | complementary`, no figures at all). `*` in a dimension is the total over it. A gemeente sees the cells of its region, an aanbieder or GI its own figures, the CBS the national table; all are slices of one suppressed table. The table is computed from the care paths and kept for `statistics.refreshSeconds` (`generatedAt`). CSV with `format=csv` or `Accept: text/csv`.
         */
        get: operations["getWaitingTimes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document, as JSON. */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness probe.
         * @description 200 as long as the process serves HTTP.
         */
        get: operations["live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness probe.
         * @description 200 when the gateway can take traffic: the store is reachable and its migrations are applied. 503 (plain JSON, not a problem document, so that probes can read the checks) when it cannot.
         */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics.
         * @description Served only on the metrics port (config `metrics.host` and `metrics.port`, e.g. 9464 on 127.0.0.1), never on the API port, which answers `404` for this path. Without `metrics.port` the metrics are not served. No token is needed: who can reach the port can read them, so keep it on the operators' network.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the audit log (privacy officers and admins), page by page.
         * @description The whole audit chain in seq order, each record in the form of the Logboek Dataverwerkingen (`trace_id`, `span_id`, `name`, `status_code`, `start_time`, `end_time`, `resource`, `attributes` with the `dpl.core.*` keys, `dpl.core.processing_activity_id` a URI into the register, https://ketenpoort.nl/register/verwerkingsactiviteiten/{id}; what the LDV has no name for travels as `ketenpoort.*` attributes), with the signed checkpoints that fall in the page. The mapping is exact both ways, so an export can be verified offline (`ketenpoort audit verify --file`) with the gateway's public key. No payloads and no raw BSN: the data subject is the keyed pseudonym. Every page read is itself recorded in the audit log (`audit.export`).
         */
        get: operations["exportAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/checkpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed checkpoints of the audit chain (staff).
         * @description Each checkpoint states that the chain's record `seq` has hash `hash`, signed by the gateway's Ed25519 key (`GET /v1/audit/signing-key`). Made automatically every `audit.checkpoint.everyRecords` records or `everySeconds` seconds (1,000 and 60 by default) and on a graceful stop, and whenever the `audit-checkpoint` job kind runs.
         */
        get: operations["listAuditCheckpoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit/signing-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public key that verifies audit checkpoints.
         * @description An Ed25519 public key as a JWK; its `kid` is the RFC 7638 thumbprint that checkpoints name as `keyId`. Keep a copy obtained over a channel you trust to verify exports offline. 404 when the gateway has no signing key configured.
         */
        get: operations["getAuditSigningKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the schedules (operators and admins). */
        get: operations["listSchedules"];
        put?: never;
        /**
         * Create a schedule.
         * @description A cron expression (5 fields, or 6 with seconds first) in a time zone (default Europe/Amsterdam), a job kind and its parameters. Every problem is reported at once with its JSON pointer; a bad cron expression says which field is wrong. Runs of one schedule never overlap, also across gateway processes. The change is recorded in the audit log.
         */
        post: operations["createSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules/{scheduleId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
            };
            cookie?: never;
        };
        /** One schedule. */
        get: operations["getSchedule"];
        put?: never;
        post?: never;
        /** Delete a schedule and its run history (not while it runs). */
        delete: operations["deleteSchedule"];
        options?: never;
        head?: never;
        /**
         * Change a schedule's name, cron expression, time zone or parameters.
         * @description Only the members sent change; the job kind cannot. `resetCursor` (or another party for a pull-sync) starts the sync from the source's beginning again; that waits until a running run is over (409 `schedule-running`).
         */
        patch: operations["changeSchedule"];
        trace?: never;
    };
    "/v1/schedules/{scheduleId}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause a schedule (a running run finishes; no new scheduled runs start). */
        post: operations["pauseSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules/{scheduleId}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused schedule. */
        post: operations["resumeSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules/{scheduleId}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
            };
            cookie?: never;
        };
        /** A schedule's run history, newest first. */
        get: operations["listScheduleRuns"];
        put?: never;
        /**
         * Run a schedule now (also when paused).
         * @description Starts a run in the background and answers at once with it (status `running`); follow it at its `Location`. 409 `schedule-running` while the previous run of the schedule is still going (runs never overlap).
         */
        post: operations["runScheduleNow"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schedules/{scheduleId}/runs/{runId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
                /** @description The run id. */
                runId: components["parameters"]["RunIdPath"];
            };
            cookie?: never;
        };
        /** One run of a schedule. */
        get: operations["getScheduleRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dead-letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Deliveries that failed for good, oldest first (operators and admins).
         * @description Exchange id, parties, message type, purpose, attempts, the class of the last error and the times; never a payload or a BSN. A dead letter can be replayed until its payload is purged after the retention period (`replayableUntil`).
         */
        get: operations["listDeadLetters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dead-letters/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replay one or more dead letters.
         * @description Each replay is a new decision against today's policy and consent, on the facts the first decision rested on; it never resends blindly. Allowed: the delivery is queued again (`requeued`) with the message minimised by today's rule. Refused: the delivery is cancelled and its payload dropped (`refused`, with the reason). Every replay is recorded in the audit log (`delivery.replay`). The answer lists an outcome per exchange id.
         */
        post: operations["replayDeadLetters"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dead-letters/{exchangeId}/discard": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Discard a dead letter, with a reason.
         * @description The delivery is cancelled and its payload dropped; the reason (a code) and the optional note are recorded in the audit log (`delivery.discard`). A note must not contain a BSN.
         */
        post: operations["discardDeadLetter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/exchanges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The message log, newest first, with filters and cursor pages (operators and admins).
         * @description Every exchange through the gateway, any sender or receiver: ids, parties, message type, purpose, status, reason, times and trace id. Metadata only: never a payload, a BSN or a pseudonym. Filters combine (AND). Pages: `limit` and the opaque `next` from the previous page. An unknown or malformed query parameter is a 400 that names it.
         */
        get: operations["listOperatorExchanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/exchanges/{exchangeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One exchange's full delivery history (operators and admins).
         * @description The exchange's metadata, its delivery (adapter, endpoint, status, attempts, the next attempt, the class of the last error) and every audit record about it in order (submission, each attempt with its error, replays, discards, cancellations). Never a payload or a BSN.
         */
        get: operations["getOperatorExchange"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/receivers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every party as a receiver, with its delivery status (operators and admins).
         * @description Per party: adapter and endpoint, whether its deliveries are paused (by whom, why), queue depth and the oldest pending item, dead letters, the delivery attempts of the last 24 hours and their success rate, and the newest failed attempt. The list is short (the configured parties): one page, `next` is always null.
         */
        get: operations["listReceivers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/receivers/{party}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One receiver's delivery status (operators and admins). */
        get: operations["getReceiver"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/receivers/{party}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause deliveries to one receiver (a maintenance window).
         * @description New exchanges for the receiver are still accepted and queued; none is delivered until it is resumed. The pause is stored, so it survives a restart and holds for every gateway process. Audited as `receiver.pause` with the reason. Pausing a paused receiver changes nothing (the first pause stays). The body is optional.
         */
        post: operations["pauseReceiver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/receivers/{party}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume deliveries to one receiver.
         * @description The waiting deliveries go out again at once. Audited as `receiver.resume`. Resuming a receiver that is not paused changes nothing.
         */
        post: operations["resumeReceiver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/config/reload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reload the configuration file without a restart (operators and admins).
         * @description Reads the gateway's configuration file again and checks it completely, with the start-up checks (schema, identifiers and keys, the policy and legal-basis catalogue files, the parties' adapters and batch sources against the policy). Only when every check passes are the new parties and staff (added, removed, disabled, keys, adapters, jwksUri) and the new policy and catalogue put in force, all at once; remembered tokens and fetched JWKS are forgotten, so a disabled party's token is refused from the next request on. A file that fails a check, or that changes a setting read only at start-up (port, store, secrets, timeouts, delivery, ...), leaves the running configuration untouched: 422 `config-reload-refused` listing every error with its JSON pointer into the file. Deliveries already queued keep the adapter and endpoint they were queued with. The same reload runs on SIGHUP. Each reload is audited as `config.reload` (outcome `reloaded` or `refused`). With several processes on one store, each process reloads its own: call it (or signal) on each. No body.
         */
        post: operations["reloadConfiguration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/statistics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The dashboard's figures, from the store (operators and admins).
         * @description Accepted, refused and delivered per bucket (one minute over the last hour, or a quarter of an hour over the last day), queue depth and the oldest pending item, delivery latency (from acceptance to delivery, p50 and p95 over the window's deliveries, a sample of the newest 5000), paused receivers and whether the store answers. Works without a Prometheus server.
         */
        get: operations["getTrafficStatistics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/privacy/subject-access-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The subject-access report (AVG art. 15) as a print page or a PDF (privacy officer).
         * @description The same facts as the export, written in plain words for the person who asked: a parent or guardian, or a child of 12 or older (`reader`), in Dutch or English (`language`). `Accept: application/pdf` gives a tagged PDF, `Accept: text/html` a self-contained print page (no scripts; its Content-Security-Policy allows only its own inline style). Both come as a download (`Content-Disposition: attachment`). The BSN is sent in the body only. Audited as `privacy.read`, like the export.
         */
        post: operations["subjectAccessReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in at the console, or how one can sign in.
         * @description Signed in: the staff member (subject and name from the ID token, or the demo staff member), their roles, the role the session acts in (null: the account has no Ketenpoort role), the CSRF token every state-changing call must send as `X-CSRF-Token`, and when the session ends if nothing more happens. Not signed in: whether sign-in with the organisation's OpenID provider is configured and, in demo mode only, the demo staff members. Never cached.
         */
        get: operations["consoleSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Starts sign-in with the organisation's OpenID provider (authorization code with PKCE).
         * @description Redirects the browser to the provider's authorization endpoint with state, nonce and an S256 code challenge; a short-lived HttpOnly cookie binds the state to this browser. When the provider cannot be reached the browser goes back to the sign-in page with `error`. 404 when no provider is configured.
         */
        get: operations["consoleSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/auth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where the provider sends the browser back (the registered redirect URI).
         * @description Checks the state against this browser's sign-in cookie, exchanges the code with the PKCE verifier, validates the ID token (signature, issuer, audience, expiry, nonce), maps the role claim to Ketenpoort roles and starts the session: an HttpOnly, SameSite=Strict cookie (Secure unless the browser uses localhost). The sign-in is audited as `staff.sign-in` under the person's own identity. On any failure the browser goes to the sign-in page with `error` (provider-unavailable, provider-refused, token-refused, id-token-invalid, response-invalid).
         */
        get: operations["consoleSignInCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/auth/demo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Signs in as a demo staff member (demo mode only; 404 otherwise).
         * @description Starts a session for one of the configured demo staff members, as the demo sign-in page offers them. Exists only when the gateway runs the demo configuration. Audited as `staff.sign-in`.
         */
        post: operations["consoleDemoSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ends the console session.
         * @description Needs the session's `X-CSRF-Token`. Ends the session, clears the cookie and audits `staff.sign-out`. For a provider sign-in, the answer names the provider's logout URL (RP-initiated logout) for the browser to visit, when the provider has one.
         */
        post: operations["consoleSignOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    statusEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A status event, as the gateway POSTs it to a subscription's URL.
         * @description Headers: `Ketenpoort-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 over "<t>.<raw body>">` (verify over the raw bytes, compare in constant time, refuse a t older than your tolerance), `Ketenpoort-Event-Id` and `Idempotency-Key` (the event id), `Ketenpoort-Event-Type`. Answer 2xx to take it; 408, 425, 429, 5xx or no answer are retried with backoff, other answers and redirects make it a dead letter.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    "Ketenpoort-Signature": string;
                    "Ketenpoort-Event-Id": string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StatusEvent"];
                };
            };
            responses: {
                /** @description Taken (any 2xx). */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /**
         * @description The technical retour of the submitted iJw heen message, as iJw 3.2 XML valid against its official XSD (JW302 for a JW301, JW306, JW308, JW316, JW318, JW320). It copies the heen message with `IdentificatieRetour` (from the exchange id), `DagtekeningRetour` (the day of the exchange) and `XsdVersieRetour`, and a `RetourCodes` element on every class it holds (WJ001: 0200 no remark, 0233 not assessed, 0001 refused, or the retourcode of the rule that was broken, e.g. 8848 for TR135). A client none of whose classes is refused is left out (iJw OP065). Values that made the message invalid are left out where the XSD allows it.
         * @example <?xml version="1.0" encoding="UTF-8"?>
         *     <jw316:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" xmlns:jw316="http://www.istandaarden.nl/ijw/3_2/jw316/schema">
         *       <jw316:Header>… <jw316:RetourCodes><jw316:RetourCode>0200</jw316:RetourCode></jw316:RetourCodes></jw316:Header>
         *       <jw316:Client>…</jw316:Client>
         *     </jw316:Bericht>
         */
        IjwRetourXml: string;
        /**
         * @description An RFC 9457 problem document. `code` is stable and meant for programs; `title` and `detail` are for people. Policy refusals (`policy-denied`) also carry `exchangeId` and `reason` and, when a rule applied, `rule`.
         * @example {
         *       "type": "https://ketenpoort.nl/problems/policy-denied",
         *       "title": "The exchange is not allowed",
         *       "status": 403,
         *       "code": "policy-denied",
         *       "detail": "No policy rule allows this exchange.",
         *       "instance": "/v1/exchanges",
         *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
         *       "exchangeId": "2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10",
         *       "reason": "no-legal-basis"
         *     }
         */
        Problem: {
            /**
             * Format: uri
             * @description A URI identifying the problem type; derived from `code`.
             */
            type: string;
            /** @description Short, human-readable summary of the problem type. */
            title: string;
            /** @description The HTTP status code, repeated. */
            status: number;
            /** @description Human-readable explanation of this occurrence. Never contains personal data. */
            detail?: string;
            /**
             * Format: uri-reference
             * @description The request path that produced the problem; a segment that holds a BSN reads `[bsn]`.
             */
            instance?: string;
            code: components["schemas"]["ErrorCode"];
            traceId?: components["schemas"]["TraceId"];
            /** @description Every problem found in the input (`invalid-input`). */
            errors?: components["schemas"]["FieldError"][];
            /** @description Where a body that is not valid UTF-8 first goes wrong, in bytes from its start (`invalid-json`, `invalid-input`). */
            byteOffset?: number;
            /**
             * Format: uuid
             * @description The id of the refused exchange (`policy-denied`).
             */
            exchangeId?: string;
            reason?: components["schemas"]["RefusalReason"];
            rule?: components["schemas"]["RuleRef"];
            /** @description The legal basis of the rule that applied (`policy-denied`). */
            legalBasis?: string;
            /** @description The precondition that was not met (`precondition-not-met`). */
            precondition?: string;
            /** @description Fields the rule does not release (`field-not-allowed`); names only. */
            disallowedFields?: string[];
            lookedFor?: components["schemas"]["PolicyLookedFor"];
            alternatives?: components["schemas"]["PolicyAlternatives"];
            noRetour?: components["schemas"]["NoRetour"];
        };
        /** @description Why a refused iJw heen message that has a technical retour was answered with this problem document instead of its retour (asked for with `Accept` application/xml). */
        NoRetour: {
            /** @description Why no valid retour could be made of the message. */
            reason: string;
            /**
             * @description The iJw rule the refusal rests on.
             * @constant
             */
            rule: "OP047";
            /** @description The rule as the iJw publication words it (Dutch). */
            ruleText: string;
            /**
             * @description The berichtenverkeer's foutcode for the same refusal (BRS14 no well-formed XML, BRS13 not as the XSD says), where one fits.
             * @enum {string}
             */
            foutcode?: "BRS13" | "BRS14";
        };
        /** @description One problem in the input. */
        FieldError: {
            /**
             * Format: json-pointer
             * @description RFC 6901 JSON pointer to the offending value in the request ('' is the whole body).
             * @example /message/client/bsn
             */
            pointer: string;
            /** @description What is wrong. */
            detail: string;
            /**
             * @description The iJw rule code (e.g. TR018, CD041) or the JSON Schema keyword that failed.
             * @example TR018
             * @example required
             */
            rule?: string;
            /**
             * @description The matching iJw retourcode, where one exists.
             * @example 8001
             */
            retourcode?: string;
            /**
             * @description The iJw rule as the iJw publication words it (Dutch), for the people who read the error, where `rule` is an iJw rule (RS, CS, CD, TR, OP).
             * @example Datum vullen zonder tijdzone.
             */
            ruleText?: string;
            /** @description The JSON Schema keyword that failed (`required`, `additionalProperties`, `enum`, `format`, …), or `xml` for what the XML parser refused, when `rule` names the iJw rule behind it (OP192 for an XSD fault no iJw restriction states). */
            keyword?: string;
            /**
             * @description For a native iJw XML submission, the element in the XML (`/Bericht/Client/ToegewezenProducten/ToegewezenProduct[1]/Einddatum`, positions from 1); `pointer` then points into the message's JSON form.
             * @example /Bericht/Client/Bsn
             */
            path?: string;
        };
        /**
         * @description Stable error code (the gateway's error catalogue).
         * @enum {string}
         */
        ErrorCode: "invalid-json" | "invalid-input" | "unknown-message-type" | "unsupported-media-type" | "payload-too-large" | "not-acceptable" | "malformed-request" | "request-timeout" | "headers-too-large" | "unauthenticated" | "invalid-token" | "party-disabled" | "sender-mismatch" | "forbidden" | "unknown-receiver" | "receiver-disabled" | "receiver-cannot-carry" | "care-path-rule" | "policy-denied" | "not-found" | "method-not-allowed" | "idempotency-conflict" | "idempotency-in-progress" | "rate-limited" | "conflict" | "audit-write-failed" | "store-unavailable" | "overloaded" | "shutting-down" | "internal" | "schedule-name-taken" | "schedule-running" | "replay-not-possible" | "config-reload-refused";
        /**
         * @description A party id from the gateway's party registry.
         * @example gemeente-utrecht
         */
        PartyId: string;
        /**
         * @description The message type, e.g. an iJw message code.
         * @example JW315
         */
        MessageType: string;
        /**
         * @description The purpose of the exchange (doelbinding), a code from the policy.
         * @example toewijzing-aanvragen
         */
        Purpose: string;
        /**
         * Format: uuid
         * @description The gateway's id for an exchange.
         */
        ExchangeId: string;
        /**
         * @description `refused`: the policy or routing refused it. `queued`: waiting for (another attempt at) delivery. `delivered`: the receiver has it. `dead-letter`: delivery gave up after its retries. `cancelled`: withdrawn before delivery (e.g. the consent it rested on was revoked).
         * @enum {string}
         */
        ExchangeStatus: "refused" | "queued" | "delivered" | "dead-letter" | "cancelled";
        /** @description W3C trace id. */
        TraceId: string;
        /** @description W3C span id. */
        SpanId: string;
        /** @description A SHA-256 digest, lower-case hex. */
        Sha256Hex: string;
        /**
         * @description A policy rule as `id@version`.
         * @example gemeente-aanbieder-toewijzing@3
         */
        RuleRef: string;
        /**
         * @description Machine-readable reason of a decision. It names the rule's ground, never anything about the child's other relations or consents.
         * @enum {string}
         */
        DecisionReason: "rule-allows" | "consent-given" | "override-used" | "no-legal-basis" | "consent-missing" | "consent-revoked" | "objection-registered" | "age-rule" | "precondition-not-met" | "blocked-secret-address" | "blocked-no-bsn" | "field-not-allowed" | "override-not-allowed" | "receiver-cannot-carry";
        /**
         * @description The reason of a refusal (a `DecisionReason` other than `rule-allows`, `consent-given` and `override-used`).
         * @enum {string}
         */
        RefusalReason: "no-legal-basis" | "consent-missing" | "consent-revoked" | "objection-registered" | "age-rule" | "precondition-not-met" | "blocked-secret-address" | "blocked-no-bsn" | "field-not-allowed" | "override-not-allowed" | "receiver-cannot-carry";
        /**
         * @description The child's age band on the exchange date (Jw 7.3.4, 7.3.5, 7.3.15).
         * @enum {string}
         */
        AgeBand: "under-12" | "12-15" | "16-plus";
        /** @description A break-glass override of a refusal. Only possible where the rule allows it; lands in the privacy officers' review queue. */
        Override: {
            /** @example acute-safety */
            reasonCode: string;
            /** @description The written justification, in full sentences. */
            justification: string;
        };
        /** @description Facts about the child the policy needs. The BSN is never stored in the audit log. */
        Subject: {
            /** @description The child's BSN (must pass the 11-test). */
            bsn?: string;
            /** Format: date */
            birthDate?: string;
            /** @description The child lives at a secret address. */
            secretAddress?: boolean;
            /** @description The sender judges that there is a safety risk for the child. */
            safetyRisk?: boolean;
        };
        /** @description What a sender submits: the message and the facts the gateway needs to route it and decide on it. */
        Envelope: {
            messageType: components["schemas"]["MessageType"];
            receiver: components["schemas"]["PartyId"];
            /** @description Optional; when present it must equal the authenticated party (else 403 `sender-mismatch`). */
            sender?: components["schemas"]["PartyId"];
            purpose: components["schemas"]["Purpose"];
            subject?: components["schemas"]["Subject"];
            override?: components["schemas"]["Override"];
            /** @description The message in the gateway's JSON form. Its schema depends on `messageType`; for the iJw messages (JW301 … JW325) the JSON form of iJw 3.2 is described in `docs/ijw-json-form.md` of the Ketenpoort repository. Errors are reported with JSON pointers into this object (`/message/...`). */
            message: Record<string, unknown>;
        };
        WaitingTimeStatistics: {
            scope: {
                /** @constant */
                kind: "region";
                region: string | null;
                gemeenten: string[];
            } | {
                /** @constant */
                kind: "aanbieder";
                aanbieder: string;
            } | {
                /** @constant */
                kind: "national";
            };
            /** @description Cells with fewer distinct children than this are suppressed. */
            threshold: number;
            /**
             * Format: date-time
             * @description When the table behind this answer was computed.
             */
            generatedAt: string;
            measures: {
                "request-answer"?: components["schemas"]["StatisticsCells"];
                "request-toewijzing"?: components["schemas"]["StatisticsCells"];
                "toewijzing-start"?: components["schemas"]["StatisticsCells"];
                "request-start"?: components["schemas"]["StatisticsCells"];
            };
            refusals: components["schemas"]["StatisticsCells"];
        };
        StatisticsCells: ({
            dims: components["schemas"]["StatisticsDims"];
            children: number;
            count: number;
            median?: number;
            p90?: number;
            withinTermShare?: number;
        } | {
            dims: components["schemas"]["StatisticsDims"];
            /** @enum {string} */
            suppressed: "primary" | "complementary";
        })[];
        /** @description The cell's place: month (YYYY-MM), gemeente, aanbieder, categorie (and reden for refusals); `*` is the total over that dimension. */
        StatisticsDims: {
            month: string;
            gemeente: string;
            aanbieder: string;
            categorie: string;
            reden?: string;
        };
        /** @description What the policy would decide for a sample exchange, and why. */
        PolicyExplanation: {
            sender: components["schemas"]["PartyId"];
            receiver: components["schemas"]["PartyId"];
            validation: {
                valid: boolean;
                errors: components["schemas"]["FieldError"][];
            };
            policyVersion: string;
            catalogueVersion: string;
            asked: {
                senderRole: components["schemas"]["PartyRole"];
                receiverRole: components["schemas"]["PartyRole"];
                messageType: string;
                purpose: string;
                /** @enum {string} */
                senderRegime: "jeugdwet" | "wgbo";
            };
            /** @description The rules that share the message type, or the sender and receiver roles. */
            candidates: {
                rule: string;
                description?: string;
                /** @description The rows of the default exchange matrix (domain.md 8.3) the rule models. */
                matrixRows: number[];
                senderRoles: components["schemas"]["PartyRole"][];
                receiverRoles: components["schemas"]["PartyRole"][];
                messageTypes: string[];
                purpose: string;
                matches: {
                    senderRole: boolean;
                    senderRegime: boolean;
                    receiverRole: boolean;
                    messageType: boolean;
                    purpose: boolean;
                };
                applies: boolean;
            }[];
            appliedRule: null | {
                rule: string;
                source: string;
                legalBasis: {
                    id: string;
                    citation?: string;
                    inForce: boolean;
                };
                processingActivityId: string;
                blocks: {
                    condition: string;
                    applies: boolean;
                }[];
                preconditions: {
                    name: string;
                    holds: boolean;
                    requirement: string;
                }[];
                consent: {
                    mode: string;
                    /** @constant */
                    registryConsulted: false;
                    note?: string;
                };
                override?: {
                    roles: components["schemas"]["PartyRole"][];
                    reasonCodes: string[];
                    legalBasis: string;
                };
                /** @enum {string} */
                extraFields: "strip" | "refuse";
                fields: string[];
            };
            decision: components["schemas"]["Decision"];
        };
        /** @description A default-deny refusal (`no-legal-basis` without a rule) names the combination the policy found no rule for. */
        PolicyLookedFor: {
            senderRole: components["schemas"]["PartyRole"];
            receiverRole: components["schemas"]["PartyRole"];
            messageType: string;
            purpose: string;
            /** @enum {string} */
            senderRegime?: "jeugdwet" | "wgbo";
        };
        /** @description A default-deny refusal lists the rules that exist for this message type from this sender role, with their receivers and purpose (nothing about the child). */
        PolicyAlternatives: {
            /** @description `id@version` of the rule. */
            rule: string;
            receiverRoles: components["schemas"]["PartyRole"][];
            purpose: string;
            /** @enum {string} */
            senderRegime?: "jeugdwet" | "wgbo";
        }[];
        /** @description The policy decision, with its provenance. */
        Decision: {
            /** @enum {string} */
            outcome: "allow" | "deny";
            reason: components["schemas"]["DecisionReason"];
            /** @description The rule that applied; absent when no rule matched (default deny). */
            rule?: {
                id: string;
                version: number;
            };
            purpose: components["schemas"]["Purpose"];
            /** @description Id of the legal basis in the catalogue (e.g. a Jeugdwet article). */
            legalBasis?: string;
            /** @description Id of the processing activity (register of processing activities). */
            processingActivityId?: string;
            /** @description Version of the policy set the decision used. */
            policyVersion: string;
            /** @description Version of the legal-basis catalogue the decision used. */
            catalogueVersion?: string;
            /** @description Ids of the consents the decision relied on. */
            consentIds: string[];
            ageBand?: components["schemas"]["AgeBand"];
            override?: components["schemas"]["Override"];
            /** @description The precondition that was not met (`precondition-not-met`). */
            precondition?: string;
            /** @description Fields the rule does not release (`field-not-allowed`); names only, never values. */
            disallowedFields?: string[];
            /** @description The rule's requirement in one sentence; nothing about the child's other relations or consents. */
            explanation?: string;
            lookedFor?: components["schemas"]["PolicyLookedFor"];
            alternatives?: components["schemas"]["PolicyAlternatives"];
            /** @description JSON pointers of the message fields released to the receiver. */
            releasedFields: string[];
            /** @description Exchanges the gateway sent because the rule asks for it (e.g. notifying the college of a VTO). */
            sideEffects?: {
                /** @constant */
                kind: "notify";
                exchangeId: components["schemas"]["ExchangeId"];
                receiver: components["schemas"]["PartyId"];
                messageType: components["schemas"]["MessageType"];
                purpose: components["schemas"]["Purpose"];
            }[];
        };
        SubmitAccepted: {
            exchangeId: components["schemas"]["ExchangeId"];
            /** @constant */
            status: "queued";
            decision: components["schemas"]["Decision"];
            links: {
                /**
                 * Format: uri-reference
                 * @description The URL of the exchange.
                 */
                self: string;
            };
            /** @description iJw process rules of the care path the message breaks, accepted anyway because the rule is in warn mode or because the earlier message may predate the gateway (`migration`). Absent when there are none. */
            warnings?: components["schemas"]["CarePathWarning"][];
        };
        /** @enum {string} */
        SignalStatus: "open" | "acknowledged" | "closed";
        /**
         * @description The kinds of status event (src/kernel/subscription-record.ts).
         * @enum {string}
         */
        StatusEventType: "exchange.delivered" | "exchange.dead-lettered" | "exchange.refused" | "retour.received" | "signal.raised";
        SubscriptionCreate: {
            url: string;
            events?: components["schemas"]["StatusEventType"][];
        };
        Subscription: {
            /** Format: uuid */
            id: string;
            url: string;
            /** @description The kinds sent; null for every kind. */
            events: components["schemas"]["StatusEventType"][] | null;
            /** Format: date-time */
            createdAt: string;
        };
        /** @description The subscription as created, with its secret (shown this once). */
        CreatedSubscription: {
            /** Format: uuid */
            id: string;
            url: string;
            events: components["schemas"]["StatusEventType"][] | null;
            /** Format: date-time */
            createdAt: string;
            /** @description The HMAC-SHA256 key (its UTF-8 bytes) every event to this subscription is signed with. Shown this once; keep it as you keep a password. */
            secret: string;
            /** @constant */
            signature: "hmac-sha256";
        };
        SubscriptionList: {
            items: components["schemas"]["Subscription"][];
        };
        /** @description What a subscription's URL receives (the whole body). References and status only; no payload, no BSN, no message content. */
        StatusEvent: {
            /**
             * Format: uuid
             * @description One per event, the same on every retry (also in Ketenpoort-Event-Id and Idempotency-Key).
             */
            eventId: string;
            type: components["schemas"]["StatusEventType"];
            /**
             * Format: uuid
             * @description Your exchange the event is about.
             */
            exchangeId: string;
            /** Format: date-time */
            occurredAt: string;
            /** Format: uuid */
            subscriptionId: string;
            messageType?: string;
            attempts?: number;
            /** @description exchange.dead-lettered: the failure class (retryable: the attempts ran out; permanent: the receiver refused it; lease-expired). exchange.refused: the policy reason. */
            reason?: string;
            /** Format: uuid */
            retourExchangeId?: string;
            /** Format: uuid */
            signalId?: string;
            signalKind?: string;
            rule?: string;
        };
        /** @description An overdue care-path item, or (kind `message-rule`) a bedrijfsregel without a retourcode that an accepted message broke. References only; no payload, no BSN. */
        Signal: {
            /** Format: uuid */
            id: string;
            /** @example care-path */
            source: string;
            /** @description The watched item (unique among signals that are not closed). */
            key: string;
            /** @example answer */
            kind: string;
            /** @description The iJw rule or care-path signal the term comes from (OP090, OP274, KP010, ...). */
            rule: string;
            title: string;
            owedBy: components["schemas"]["PartyId"];
            concerned?: components["schemas"]["PartyId"];
            /** @description The child's pseudonym. */
            subject?: string;
            refs: {
                messageType?: string;
                exchangeId?: string;
                identificatie?: string;
                referentieAanbieder?: string;
                toewijzingNummer?: number;
                declaratieNummer?: string;
                /** Format: uuid */
                regieHandoverId?: string;
            };
            /**
             * Format: date
             * @description The last day of the term that passed; for kind `message-rule`, the day the message was accepted.
             */
            dueDay: string;
            status: components["schemas"]["SignalStatus"];
            /** @description Epoch milliseconds. */
            raisedAt: number;
            acknowledgedAt?: number;
            acknowledgedBy?: components["schemas"]["PartyId"];
            note?: string;
            closedAt?: number;
            /** @enum {unknown} */
            closedReason?: "met" | "cancelled";
            /** Format: uuid */
            closedByExchange?: string;
        };
        SignalList: {
            items: components["schemas"]["Signal"][];
            /** @description The cursor of the next page, or null on the last. */
            next: string | null;
        };
        CarePathWarning: {
            /** @description JSON pointer into the message (its JSON form). */
            pointer: string;
            detail: string;
            /**
             * @description The iJw rule code (TR056, OP072, ...) or the gateway's own (KP001, ...).
             * @example TR056
             */
            rule: string;
            /** @description The rule's iJw retourcode, where it has one. */
            retourcode?: string;
            /** @description The earlier message the rule needs may predate the gateway. */
            migration: boolean;
            /**
             * @description A bedrijfsregel without a retourcode that the message breaks; never a refusal. The gateway raised a signal for it (kind `message-rule`), owed by the sender. Absent otherwise.
             * @constant
             */
            signal?: true;
        };
        /** @description The fields an exchange summary and an exchange share (not used on its own). */
        ExchangeFields: {
            exchangeId: components["schemas"]["ExchangeId"];
            sender: components["schemas"]["PartyId"];
            /** @description Null when the named receiver is not a known party. */
            receiver: string | null;
            messageType: components["schemas"]["MessageType"];
            purpose: string | null;
            status: components["schemas"]["ExchangeStatus"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            deliveredAt: string | null;
            /** @description The receiver's own reference for the delivered message. */
            receiverReference: string | null;
            /** @description The error code or policy reason of a refusal or failure. */
            reason: string | null;
        };
        /** @description An exchange as listed. */
        ExchangeSummary: components["schemas"]["ExchangeFields"];
        /** @description One exchange with its decision and audit history. */
        Exchange: components["schemas"]["ExchangeFields"] & {
            /** @description Null when the exchange was refused before a decision (e.g. unknown receiver). */
            decision: components["schemas"]["Decision"] | null;
            /** @description The audit records about this exchange, in chain order. */
            history: components["schemas"]["AuditEntry"][];
        };
        ExchangeList: {
            items: components["schemas"]["ExchangeSummary"][];
            /** @description Pass as `before` to get the next page; null on the last page. */
            next: string | null;
        };
        /** @description One audit record. Field names follow the Logboek Dataverwerkingen where it has one. No payloads and no raw BSN: the data subject is a keyed pseudonym. */
        AuditEntry: {
            seq: number;
            /** Format: date-time */
            time: string;
            traceId: components["schemas"]["TraceId"];
            spanId: components["schemas"]["SpanId"];
            action: components["schemas"]["AuditAction"];
            outcome: components["schemas"]["AuditOutcome"];
            /** @description Policy reason, error code or delivery failure class. */
            reason?: string;
            exchangeId?: components["schemas"]["ExchangeId"];
            /** @description The party that acted. */
            actor: string;
            counterparty?: string;
            messageType?: string;
            purpose?: string;
            processingActivityId?: string;
            legalBasis?: string;
            rule?: components["schemas"]["RuleRef"];
            policyVersion?: string;
            catalogueVersion?: string;
            consentIds?: string[];
            /** @description Keyed pseudonym of the child's BSN. */
            dataSubjectId?: string;
            /** @constant */
            dataSubjectIdType?: "bsn-pseudonym";
            releasedFields?: string[];
            /** @description Short detail without personal data. */
            detail?: string;
            prevHash: components["schemas"]["Sha256Hex"];
            hash: components["schemas"]["Sha256Hex"];
        };
        /** @description A receipt (version ketenpoort-audit-receipt/1). Verify: the record's hash is the SHA-256 of its canonical JSON (RFC 8785) without `hash`; the leaf is SHA-256(0x00 || record hash bytes); the proof (RFC 9162 2.1.3.2) leads from leaf `leafIndex` of a tree of `treeHead.treeSize` leaves to `treeHead.rootHash`; the signature is Ed25519 over the canonical JSON of {kind: "ketenpoort.audit-tree-head", treeSize, rootHash, signedAt, keyId}. The record is whole (its hash covers every field), so it carries the pseudonym of the child the sender named. */
        AuditReceipt: {
            /** @constant */
            version: "ketenpoort-audit-receipt/1";
            exchangeId: string;
            record: components["schemas"]["AuditEntry"];
            /** @description The record's place in the tree (its seq - 1). */
            leafIndex: number;
            /** @description Sibling hashes, from the leaf up. */
            inclusionProof: components["schemas"]["Sha256Hex"][];
            treeHead: components["schemas"]["SignedTreeHead"];
        };
        /** @description The RFC 6962 Merkle root of the audit chain's first `treeSize` records, signed. */
        SignedTreeHead: {
            treeSize: number;
            rootHash: components["schemas"]["Sha256Hex"];
            /** Format: date-time */
            signedAt: string;
            /** @description The signing key's RFC 7638 JWK thumbprint. */
            keyId: string;
            /** @description Ed25519 signature, base64url. */
            signature: string;
        };
        /** @enum {string} */
        AuditAction: "exchange.submit" | "delivery.attempt" | "delivery.cancel" | "inbox.ack" | "audit.read" | "consent.grant" | "consent.revoke" | "consent.read" | "override.review" | "privacy.read" | "policy.explain" | "delivery.replay" | "delivery.discard" | "schedule.change" | "schedule.run" | "retention.purge" | "audit.checkpoint" | "audit.export" | "staff.sign-in" | "staff.sign-out" | "receiver.pause" | "receiver.resume" | "signal.raise" | "signal.acknowledge" | "signal.close" | "regie.register" | "regie.lookup" | "regie.handover" | "regie.end" | "subscription.create" | "subscription.delete" | "config.reload";
        /** @enum {string} */
        AuditOutcome: "allowed" | "refused" | "delivered" | "retry" | "dead-letter" | "lease-expired" | "cancelled" | "acknowledged" | "read" | "granted" | "revoked" | "justified" | "not-justified" | "requeued" | "discarded" | "changed" | "succeeded" | "failed" | "interrupted" | "purged" | "signed" | "signed-in" | "signed-out" | "paused" | "resumed" | "raised" | "closed" | "registered" | "proposed" | "accepted" | "declined" | "ended" | "created" | "deleted" | "reloaded";
        AuditList: {
            items: components["schemas"]["AuditEntry"][];
            /** @description Pass as `afterSeq` to get the next page; null on the last page. */
            next: number | null;
        };
        ChainVerification: {
            ok: boolean;
            /** @description The number of records checked. */
            checked: number;
            /** @description The last record of the chain; null when the log is empty. */
            head: {
                seq: number;
                hash: string;
            } | null;
            /** @description The first record whose hash or link does not verify; null when the chain is whole. */
            firstBroken: {
                seq: number;
                problem: string;
            } | null;
            checkpoints?: components["schemas"]["CheckpointVerification"];
            /** @description Stored columns beside a record (seq, actor, counterparty, time, ...) that differ from the hashed record's own field: a column changed in the database. By record seq and column name; at most 20 are listed, and any makes `ok` false. */
            mismatchedColumns?: {
                seq: number;
                column: string;
            }[];
            witness?: components["schemas"]["WitnessVerification"];
            /** @description Every witness, the first (`witness`) included: the witness file (`audit.witnessFile`) and another party's witness over HTTP (`audit.witnessUrl`), when configured. `ok` is false when any of them names a failure. */
            witnesses?: components["schemas"]["WitnessVerification"][];
            /** @description The records after the newest checkpoint that a witness holds and that matches the chain, protected by the hash chain only (whoever can write the database could rewrite them undetected). */
            tail?: {
                afterSeq: number | null;
                records: number;
                /** @description "N records protected by the chain only". */
                summary: string;
            };
        };
        /** @description The chain and its checkpoint rows held against a witness outside the database that every signed checkpoint is also written to (the append-only file, or another party's server): every checkpoint row has its witness entry and the other way round, each witnessed checkpoint matches the chain's record, and the chain reaches the newest witnessed checkpoint. A witness that cannot be read is one failure without a seq. Present when a witness is configured. */
        WitnessVerification: {
            /** @description Where the witness is (its file path or URL). */
            source: string;
            entries: number;
            newestSeq: number | null;
            failed: {
                /** @description The checkpoint's seq. */
                seq?: number;
                /** @description The witness line that is not a checkpoint. */
                line?: number;
                problem: string;
            }[];
        };
        /**
         * @description The capacity in which someone consents: the child, a custodial parent (gezaghebbende ouder), a guardian (voogd), or a representative of someone judged not competent (Jw 7.3.15 lid 2-3).
         * @enum {string}
         */
        GiverCapacity: "child" | "custodial-parent" | "guardian" | "representative";
        ConsentGiver: {
            capacity: components["schemas"]["GiverCapacity"];
            /** @description The registering party's own reference for the person; never a BSN. */
            reference: string;
        };
        /** @description A giver as submitted. Capacities of people who cannot consent (a parent without gezag, a foster parent, a relative, other) are accepted by the schema and refused with a clear error. */
        GiverInput: {
            /** @enum {string} */
            capacity: "child" | "custodial-parent" | "guardian" | "representative" | "non-custodial-parent" | "foster-parent" | "relative" | "other";
            reference: string;
        };
        /** @enum {string} */
        PartyRole: "gemeente" | "aanbieder" | "gi" | "veilig-thuis" | "raad" | "verwijsindex" | "cbs" | "onderzoeker" | "school" | "huisarts" | "politie" | "professional";
        /** @description What the consent covers. It covers disclosures by the registering party only: a consent waives that party's own secrecy (Jw 7.3.11 lid 1; BW 7:457), and each discloser keeps its own evidence. */
        ConsentScopeInput: {
            purposes: components["schemas"]["Purpose"][];
            receivers: {
                parties?: components["schemas"]["PartyId"][];
                roles?: components["schemas"]["PartyRole"][];
            };
            messageTypes?: components["schemas"]["MessageType"][];
            /** @description Limits the consent to these data categories of the rule (e.g. hulpverlening). */
            dataCategories?: string[];
        };
        ConsentScope: {
            purposes: components["schemas"]["Purpose"][];
            /** @description The registering party, whose disclosures the consent covers. */
            senders: components["schemas"]["PartyId"][];
            receivers: {
                parties?: components["schemas"]["PartyId"][];
                roles?: components["schemas"]["PartyRole"][];
            };
            messageTypes?: components["schemas"]["MessageType"][];
            dataCategories?: string[];
        };
        /** @description The judgement of the child's capacity for this decision (wilsbekwaamheid, Jw 7.3.15 lid 2; BW 7:465): who judged, when and for which decision. */
        CapacityAssessment: {
            competent: boolean;
            assessedBy: string;
            /** Format: date */
            assessedOn: string;
            decision: string;
        };
        Evidence: {
            reference: string;
            /** @enum {string} */
            form?: "written" | "verbal" | "digital";
        };
        /**
         * @description A consent or objection as an agency registers it (schemas/consent-registration.schema.json).
         * @example {
         *       "bsn": "999900006",
         *       "givers": [
         *         {
         *           "capacity": "child",
         *           "reference": "kind"
         *         },
         *         {
         *           "capacity": "custodial-parent",
         *           "reference": "moeder"
         *         }
         *       ],
         *       "custodianCount": 1,
         *       "scope": {
         *         "purposes": [
         *           "overdracht-hulpverlening"
         *         ],
         *         "receivers": {
         *           "roles": [
         *             "school"
         *           ]
         *         },
         *         "dataCategories": [
         *           "basisgegevens",
         *           "hulpverlening"
         *         ]
         *       },
         *       "givenOn": "2026-11-20",
         *       "validFrom": "2026-11-20",
         *       "validUntil": "2027-11-19",
         *       "evidence": {
         *         "reference": "dossier 2026-0412, formulier toestemming",
         *         "form": "written"
         *       }
         *     }
         */
        ConsentRegistration: {
            /** @description The child's BSN (11-test). Stored only as its keyed pseudonym. */
            bsn: string;
            /**
             * @default permit
             * @enum {string}
             */
            kind?: "permit" | "objection";
            givers: components["schemas"]["GiverInput"][];
            /** @description How many custodians the child has. */
            custodianCount: number;
            scope: components["schemas"]["ConsentScopeInput"];
            /** Format: date */
            givenOn: string;
            /** Format: date */
            validFrom: string;
            /** Format: date */
            validUntil?: string;
            evidence: components["schemas"]["Evidence"];
            capacityAssessment?: components["schemas"]["CapacityAssessment"];
        };
        Revocation: {
            /** Format: date-time */
            revokedAt: string;
            /** @description The party or privacy officer that recorded the revocation. */
            recordedBy: string;
            revokedBy?: components["schemas"]["ConsentGiver"];
            reason?: string;
            evidence?: {
                reference: string;
            };
        };
        /** @description A registered consent (or objection); revoked ones carry their revocation. */
        Consent: components["schemas"]["ConsentFields"];
        /** @description The members of a consent (Consent and ConsentRegistrationResult close over them). */
        ConsentFields: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "permit" | "objection";
            givers: components["schemas"]["ConsentGiver"][];
            custodianCount: number;
            scope: components["schemas"]["ConsentScope"];
            /** Format: date */
            givenOn: string;
            /** Format: date */
            validFrom: string;
            /** Format: date */
            validUntil?: string;
            evidence: components["schemas"]["Evidence"];
            capacityAssessment?: components["schemas"]["CapacityAssessment"];
            registeredBy: components["schemas"]["PartyId"];
            /** Format: date-time */
            registeredAt: string;
            /** @enum {string} */
            status: "active" | "revoked";
            revocation?: components["schemas"]["Revocation"];
        };
        ConsentList: {
            items: components["schemas"]["Consent"][];
            /** @description Pass as `after` to get the next page; null on the last page. */
            next: string | null;
        };
        /** @description Every member is optional. */
        ConsentRevocationRequest: {
            revokedBy?: components["schemas"]["GiverInput"];
            reason?: string;
            evidence?: {
                reference: string;
            };
        };
        RevocationResult: {
            consent: components["schemas"]["Consent"];
            /** @description The pending deliveries that rested on the consent and were cancelled. */
            cancelledExchanges: components["schemas"]["ExchangeId"][];
            /** @description The revocation notices to the parties that may hold the consent. */
            notices: components["schemas"]["ConsentNoticeOutcome"][];
        };
        /** @description The registered consent, and the notices of it queued for the parties it names whose systems keep consents. */
        ConsentRegistrationResult: components["schemas"]["ConsentFields"] & {
            notices: components["schemas"]["ConsentNoticeOutcome"][];
        };
        /** @description A `ConsentNotice` to one receiving party: an exchange of the gateway's own (sender the registering party, purpose `kennisgeving-toestemming`), audited and delivered like any other; follow it at /v1/exchanges/{exchangeId}. */
        ConsentNoticeOutcome: {
            exchangeId: components["schemas"]["ExchangeId"];
            receiver: string;
            /** @enum {string} */
            status: "queued" | "refused";
            /** @description For a refused notice, the decision's reason code. */
            reason?: string;
        };
        SubjectAccessReportRequest: {
            /** @description The child's BSN (11-test); the gateway computes the keyed pseudonym. */
            bsn: string;
            /**
             * @description A parent or guardian (default), or a child of 12 or older.
             * @enum {unknown}
             */
            reader?: "parent" | "child";
            /**
             * @description Default nl.
             * @enum {unknown}
             */
            language?: "nl" | "en";
        };
        /** @enum {string} */
        StaffRole: "privacy-officer" | "operator" | "admin";
        ConsoleSession: {
            /** @constant */
            authenticated: false;
            signIn: {
                /** @description Sign-in with the organisation's OpenID provider is configured. */
                oidc: boolean;
                /** @description The demo staff members (demo mode only; null otherwise). */
                demo: null | {
                    id: string;
                    name: string;
                    role: components["schemas"]["StaffRole"];
                }[];
            };
        } | {
            /** @constant */
            authenticated: true;
            user: {
                subject: string;
                name: string;
                roles: components["schemas"]["StaffRole"][];
                activeRole: null | components["schemas"]["StaffRole"];
            };
            csrfToken: string;
            /** Format: date-time */
            expiresAt: string;
        };
        RegieRegistration: {
            /** @description The child's BSN (11-test); only its keyed pseudonym is kept. */
            bsn: string;
            /** @description The organisation that gets the regie (a party id); default the caller. */
            party?: string;
            /** @description A function or team to contact ("casemanager team Zuid"), never a private person's name. */
            contactFunction: string;
            /** @description A legal basis id from the catalogue (consent/legal-bases.json). */
            legalBasis: string;
        };
        RegieHolder: {
            party: string;
            partyName: string;
            contactFunction: string;
            /** Format: date-time */
            since: string;
        };
        RegieLookup: {
            regie: components["schemas"]["RegieHolder"] | null;
        };
        RegieHandoverRequest: {
            bsn: string;
            toParty: string;
            contactFunction: string;
            note?: string;
        };
        RegieHandoverDecision: {
            /** @enum {string} */
            decision: "accept" | "decline";
            note?: string;
        };
        RegieHandover: {
            /** Format: uuid */
            handoverId: string;
            fromParty: string;
            toParty: string;
            contactFunction: string;
            /** Format: date-time */
            proposedAt: string;
            /** @enum {string} */
            status: "proposed" | "accepted" | "declined";
            /** Format: date-time */
            decidedAt: string | null;
        };
        RegieEnd: {
            bsn: string;
            /** @enum {string} */
            reason: "care-ended" | "moved-away" | "measure-ended" | "transferred-outside-gateway" | "registered-in-error";
            note?: string;
        };
        ConfigReloaded: {
            /** @enum {string} */
            outcome: "reloaded" | "unchanged";
            /** @description The configuration file that was read (absolute path). */
            file: string;
            /** Format: date-time */
            at: string;
            changes: {
                parties: components["schemas"]["ConfigReloadIds"];
                staff: components["schemas"]["ConfigReloadIds"];
                policy: {
                    /** @description The policy version before the reload. */
                    from: string;
                    /** @description The policy version now in force. */
                    to: string;
                    /** @description Whether the policy or catalogue file's content changed. */
                    changed: boolean;
                };
            };
        };
        ConfigReloadIds: {
            added: string[];
            removed: string[];
            changed: string[];
        };
        RegieEnded: {
            /** @constant */
            ended: true;
        };
        BsnLookup: {
            /** @description The child's BSN (11-test); the gateway computes the keyed pseudonym. */
            bsn: string;
        };
        ConsentLog: {
            /** @description The child's keyed pseudonym, as it appears in audit records. */
            dataSubjectId: string;
            consents: components["schemas"]["Consent"][];
        };
        AuditSearch: {
            bsn?: string;
            party?: components["schemas"]["PartyId"];
            purpose?: components["schemas"]["Purpose"];
            outcome?: components["schemas"]["AuditOutcome"];
            action?: components["schemas"]["AuditAction"];
            /**
             * Format: date-time
             * @description Inclusive.
             */
            from?: string;
            /**
             * Format: date-time
             * @description Exclusive.
             */
            to?: string;
            afterSeq?: number;
            /** @default 100 */
            limit?: number;
        };
        ReviewVerdict: {
            /** @enum {string} */
            verdict: "justified" | "not-justified";
            note: string;
        };
        /** @description A break-glass override and its review. */
        Review: {
            exchangeId: components["schemas"]["ExchangeId"];
            /** Format: date-time */
            createdAt: string;
            sender: components["schemas"]["PartyId"];
            receiver: components["schemas"]["PartyId"];
            messageType: components["schemas"]["MessageType"];
            purpose: components["schemas"]["Purpose"];
            rule: components["schemas"]["RuleRef"];
            reasonCode: string;
            justification: string;
            /** @enum {string} */
            status: "pending" | "justified" | "not-justified";
            reviewedBy: string | null;
            /** Format: date-time */
            reviewedAt: string | null;
            note: string | null;
        };
        ConsentOverviewPage: {
            /** @enum {string} */
            list: "expiring" | "revoked";
            /** @description expiring, the first and last day (YYYY-MM-DD, Europe/Amsterdam); revoked, the moment from which revocations are listed. */
            window: {
                from: string;
                /** Format: date */
                to?: string;
            };
            items: {
                consent: components["schemas"]["Consent"];
                cancelledDeliveries?: {
                    /** Format: uuid */
                    exchangeId: string;
                    /** Format: date-time */
                    createdAt: string;
                    sender: string;
                    receiver: string;
                    messageType: string;
                    purpose: string;
                }[];
                moreCancelled?: boolean;
            }[];
            /** @description The cursor for the next page (the `next` parameter); null on the last page. */
            next: string | null;
        };
        DecisionSeries: {
            party: string;
            reason: string;
            total: number;
            /** @description One count per day of `days`. */
            counts: number[];
        };
        DecisionStatistics: {
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            days: string[];
            refusals: components["schemas"]["DecisionSeries"][];
            overrides: components["schemas"]["DecisionSeries"][];
        };
        ReviewList: {
            items: components["schemas"]["Review"][];
            /** @description Pass as `after` to get the next page; null on the last page. */
            next: string | null;
        };
        /** @description One exchange about the child. */
        SubjectAccessExchange: {
            exchangeId: components["schemas"]["ExchangeId"];
            /** Format: date-time */
            createdAt: string;
            sender: components["schemas"]["PartyId"];
            receiver: string | null;
            messageType: components["schemas"]["MessageType"];
            purpose: string | null;
            status: components["schemas"]["ExchangeStatus"];
            /** @enum {string} */
            outcome: "allow" | "deny";
            reason: string | null;
            rule: string | null;
            legalBasis: {
                id: string;
                title: string;
                /** @description The AVG ground(s) and sector article(s). */
                citation: string;
            } | null;
            processingActivity: {
                id: string;
                title: string;
                retention: string;
                /** @description The officer decides whether it may be handed over (UAVG 41; Jw 7.3.10). */
                confidential: boolean;
            } | null;
            releasedFields: string[];
            consentIds: string[];
            ageBand: components["schemas"]["AgeBand"] | null;
            override: {
                reasonCode: string;
                justification: string;
                review: {
                    /** @enum {string} */
                    status: "pending" | "justified" | "not-justified";
                    reviewedBy: string | null;
                    /** Format: date-time */
                    reviewedAt: string | null;
                } | null;
            } | null;
            /** @description The exchange whose rule made the gateway send this one (e.g. a VTO notice). */
            sideEffectOf: string | null;
            /** Format: date-time */
            deliveredAt: string | null;
        };
        SubjectAccessExport: {
            subject: {
                dataSubjectId: string;
                /** @constant */
                dataSubjectIdType: "bsn-pseudonym";
            };
            /** Format: date-time */
            generatedAt: string;
            generatedBy: string;
            policyVersion: string;
            catalogueVersion: string;
            exchanges: components["schemas"]["SubjectAccessExchange"][];
            consents: components["schemas"]["Consent"][];
            /** @description Every regievoerder the child has had (the regie register), oldest first. */
            regie: {
                party: string;
                contactFunction: string;
                legalBasis: string;
                registeredBy: string;
                /** Format: date-time */
                since: string;
                until: string | null;
                endReason: string | null;
            }[];
            /** @description Who asked the register who has the child's regie, when, and what the register knew (found, no-regie, not-entitled), from the audit log. */
            regieLookups: {
                at: string;
                by: string;
                result: string;
            }[];
            /** @description The child-protection measures the gateway keeps as facts for the regie register (from the court decisions it carried; no content), oldest first. */
            measures: {
                soort: string;
                gi: string;
                /** Format: date */
                ingangsdatum: string;
                /** Format: date */
                einddatum: string | null;
                exchangeId: string;
            }[];
            rights: string[];
        };
        /** @description The fields an inbox summary and an inbox item share (not used on its own). */
        InboxFields: {
            exchangeId: components["schemas"]["ExchangeId"];
            sender: components["schemas"]["PartyId"];
            messageType: components["schemas"]["MessageType"];
            purpose: components["schemas"]["Purpose"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            acknowledgedAt: string | null;
        };
        /** @description An inbox item without its message. */
        InboxSummary: components["schemas"]["InboxFields"];
        /** @description An inbox item with its (minimised) message. */
        InboxItem: components["schemas"]["InboxFields"] & {
            /** @description The message in the gateway's JSON form, minimised to the released fields. */
            message: Record<string, unknown>;
        };
        InboxList: {
            items: components["schemas"]["InboxSummary"][];
        };
        /** @description An OpenAPI 3.1 document (this one). */
        OpenApiDocument: {
            openapi: string;
            info: Record<string, unknown>;
            paths: Record<string, unknown>;
        };
        Liveness: {
            /** @constant */
            status: "ok";
        };
        Ready: {
            /** @constant */
            status: "ready";
            checks: {
                /** @constant */
                store: "ok";
            } & {
                [key: string]: "ok";
            };
        };
        NotReady: {
            /** @constant */
            status: "not-ready";
            checks: {
                /** @constant */
                store: "fail";
            } & {
                [key: string]: "ok" | "fail";
            };
        };
        /**
         * @description What a schedule does: `pull-sync` (pull a party's new records from its configured batch source and submit each through the pipeline), `retry-dead-letters` (replay dead letters whose receiver was away), `purge-payloads` (retention), `audit-checkpoint` (sign the audit chain's head), `expire-consents` (cancel pending deliveries that rested on a consent whose period has ended), `watchdog` (turn the care path's overdue items into signals).
         * @enum {string}
         */
        JobKind: "pull-sync" | "retry-dead-letters" | "purge-payloads" | "audit-checkpoint" | "expire-consents" | "watchdog";
        ScheduleCreate: {
            name: string;
            /**
             * @description 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first.
             * @example 0 2 * * *
             */
            cron: string;
            /**
             * @description An IANA time zone.
             * @default Europe/Amsterdam
             */
            timeZone?: string;
            jobKind: components["schemas"]["JobKind"];
            /** @description Per job kind. pull-sync `{party, pageSize?}` (the party's source comes from the configuration, never from here); retry-dead-letters `{receiver?, errorClasses?, maxPerRun?}`; purge-payloads, audit-checkpoint, expire-consents and watchdog `{}`. */
            params?: Record<string, unknown>;
            /** @default false */
            paused?: boolean;
        };
        SchedulePatch: {
            name?: string;
            cron?: string;
            timeZone?: string;
            params?: Record<string, unknown>;
            resetCursor?: boolean;
        };
        /** @description pull-sync: records read, accepted, refused (validation or policy), failed. retry-dead-letters: dead letters considered, requeued, refused by today's policy, not replayable. purge-payloads: payloads purged (read and accepted). audit-checkpoint: records covered (read), 1 accepted when signed. expire-consents: expired consents still active (read), pending deliveries cancelled (accepted). */
        RunCounts: {
            read: number;
            accepted: number;
            refused: number;
            failed: number;
        };
        ScheduleRun: {
            /** Format: uuid */
            runId: string;
            /** Format: uuid */
            scheduleId: string;
            jobKind: components["schemas"]["JobKind"];
            /** @enum {string} */
            trigger: "scheduled" | "manual";
            /**
             * @description `interrupted`: the gateway shut down or its process died during the run; the next run continues from the cursor.
             * @enum {string}
             */
            status: "running" | "succeeded" | "failed" | "interrupted";
            /** Format: date-time */
            startedAt: string;
            /** Format: date-time */
            endedAt: string | null;
            durationMs: number | null;
            counts: components["schemas"]["RunCounts"];
            /** @description Where a pull-sync started in its source. */
            cursorFrom: string | null;
            /** @description Where it got to (stored after every committed page). */
            cursorReached: string | null;
            /** @description Why it failed or was interrupted (an error code and detail; never personal data). */
            error: string | null;
            /** @description The process that ran it, `hostname/pid/process-id`. */
            runner: string;
            /** @description Job-specific results, e.g. for a pull-sync the source ids and reason codes of the refused records (never their content). */
            details: unknown;
        };
        ScheduleRunList: {
            items: components["schemas"]["ScheduleRun"][];
            /** @description Pass as `before` to get the next page; null on the last page. */
            next: string | null;
        };
        Schedule: {
            /** Format: uuid */
            scheduleId: string;
            name: string;
            cron: string;
            timeZone: string;
            jobKind: components["schemas"]["JobKind"];
            params: Record<string, unknown>;
            paused: boolean;
            /** @description Where the next pull-sync run continues in its source. */
            cursor: string | null;
            version: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            createdBy: string;
            /** @description The next times it fires (UTC); empty while paused. */
            nextRuns: string[];
            lastRun: components["schemas"]["ScheduleRun"] | null;
        };
        ScheduleList: {
            items: components["schemas"]["Schedule"][];
        };
        DeadLetter: {
            exchangeId: components["schemas"]["ExchangeId"];
            sender: components["schemas"]["PartyId"];
            receiver: components["schemas"]["PartyId"];
            messageType: components["schemas"]["MessageType"];
            purpose: components["schemas"]["Purpose"];
            adapter: string;
            attempts: number;
            /** @enum {string} */
            errorClass: "receiver-unavailable" | "receiver-refused" | "network" | "timeout" | "configuration" | "adapter-error" | "unknown";
            /** @description The last error when it is one of the adapters' fixed forms (`HTTP 503`, `network: ECONNREFUSED`). */
            lastError: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the payload is purged after the retention period; null once purged.
             */
            replayableUntil: string | null;
            replayable: boolean;
        };
        /** @enum {string} */
        DeliveryErrorClass: "receiver-unavailable" | "receiver-refused" | "network" | "timeout" | "configuration" | "adapter-error" | "unknown";
        /** Format: date-time */
        DateTimeOrNull: string | null;
        OperatorExchange: {
            exchangeId: components["schemas"]["ExchangeId"];
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            sender: string;
            receiver: string | null;
            messageType: string;
            purpose: string | null;
            status: components["schemas"]["ExchangeStatus"];
            reason: string | null;
            deliveredAt: components["schemas"]["DateTimeOrNull"];
            traceId: string;
        };
        OperatorExchangeList: {
            items: components["schemas"]["OperatorExchange"][];
            /** @description Pass as `next` for the following page; null on the last page. */
            next: string | null;
        };
        OperatorExchangeHistory: {
            exchange: components["schemas"]["OperatorExchange"];
            delivery: null | {
                adapter: string;
                endpoint: string | null;
                /** @enum {string} */
                status: "pending" | "delivered" | "dead" | "cancelled";
                attempts: number;
                nextAttemptAt: components["schemas"]["DateTimeOrNull"];
                errorClass: null | components["schemas"]["DeliveryErrorClass"];
                lastError: string | null;
                deliveredAt: components["schemas"]["DateTimeOrNull"];
                payloadPurged: boolean;
            };
            history: {
                seq: number;
                /** Format: date-time */
                time: string;
                action: components["schemas"]["AuditAction"];
                outcome: components["schemas"]["AuditOutcome"];
                actor: string;
                reason: string | null;
                /** @description For a delivery attempt, its number and the error's fixed form or class. */
                detail: string | null;
            }[];
        };
        ReceiverStatus: {
            party: components["schemas"]["PartyId"];
            name: string;
            role: string;
            adapter: {
                kind: string;
                endpoint: string | null;
            };
            paused: null | {
                /** Format: date-time */
                at: string;
                by: string;
                reason: string | null;
            };
            queue: {
                pending: number;
                oldestPendingAt: components["schemas"]["DateTimeOrNull"];
                dead: number;
            };
            last24Hours: {
                delivered: number;
                retried: number;
                deadLettered: number;
                /** @description Attempts lost with the process making them (its lease expired before the outcome was recorded); recorded when the next attempt settles. */
                leaseExpired: number;
                /** @description Delivered attempts over all attempts (0 to 1); null without attempts. */
                successRate: number | null;
            };
            lastFailure: null | {
                /** Format: date-time */
                at: string;
                exchangeId: string | null;
                errorClass: components["schemas"]["DeliveryErrorClass"];
                error: string | null;
            };
        };
        ReceiverList: {
            items: components["schemas"]["ReceiverStatus"][];
            next: null;
        };
        TrafficStatistics: {
            /** @enum {string} */
            window: "hour" | "day";
            /** Format: date-time */
            from: string;
            /** Format: date-time */
            to: string;
            bucketSeconds: number;
            buckets: {
                /** Format: date-time */
                start: string;
                accepted: number;
                refused: number;
                delivered: number;
            }[];
            totals: {
                accepted: number;
                refused: number;
                delivered: number;
            };
            queue: {
                pending: number;
                dead: number;
                oldestPendingAt: components["schemas"]["DateTimeOrNull"];
            };
            deliveryLatencyMs: null | {
                p50: number;
                p95: number;
                max: number;
                sample: number;
            };
            pausedReceivers: number;
            storeReady: boolean;
        };
        DeadLetterList: {
            items: components["schemas"]["DeadLetter"][];
            /** @description Pass as `after` to get the next page; null on the last page. */
            next: string | null;
        };
        ReplayRequest: {
            exchangeIds: components["schemas"]["ExchangeId"][];
        };
        ReplayResults: {
            results: {
                exchangeId: components["schemas"]["ExchangeId"];
                /** @enum {string} */
                outcome: "requeued" | "refused" | "not-found" | "not-replayable";
                /** @description The policy reason of a refusal, or why no replay was possible. */
                reason?: string;
                detail?: string;
            }[];
        };
        DiscardRequest: {
            /**
             * @description Why the dead letter is given up (src/kernel/discard-reasons.ts): receiver-decommissioned (the receiving system is gone or replaced), duplicate (delivered already by another exchange), obsolete (a later message replaced it), delivered-otherwise (it reached the receiver another way), sender-request (the sender asked for it to be withdrawn).
             * @enum {string}
             */
            reason: "receiver-decommissioned" | "duplicate" | "obsolete" | "delivered-otherwise" | "sender-request";
            /** @description Free text for the audit log; must not contain a BSN or any 9-digit number. */
            note?: string;
        };
        AuditCheckpoint: {
            seq: number;
            hash: components["schemas"]["Sha256Hex"];
            /** Format: date-time */
            signedAt: string;
            /** @description RFC 7638 thumbprint of the signing key. */
            keyId: string;
            /** @description Ed25519 signature (base64url) over the canonical JSON of {seq, hash, signedAt, keyId}. */
            signature: string;
        };
        CheckpointList: {
            items: components["schemas"]["AuditCheckpoint"][];
            /** @description Pass as `fromSeq` to get the next page; null on the last page. */
            next: number | null;
        };
        CheckpointVerification: {
            /** @description Checkpoints whose hash matched their record and whose signature verified. */
            verified: number;
            /** @description Checkpoints that matched their record, without a key to check the signature. */
            unchecked: number;
            /** @description Checkpoints that did not verify (at most 20 listed). */
            failed: {
                seq: number;
                problem: string;
            }[];
            /** @description The highest seq fixed by a verified checkpoint; later records are only hash-chained. */
            signedUpTo: number | null;
        };
        /** @description One audit record in the form of the Logboek Dataverwerkingen 1.0.0. */
        LdvRecord: {
            trace_id: components["schemas"]["TraceId"];
            span_id: components["schemas"]["SpanId"];
            /** @description The processing action (the audit record's `action`). */
            name: string;
            /**
             * @description The LDV status_code enum in protobuf's JSON names: STATUS_CODE_ERROR for a server-side fault (a failed, retried or dead-lettered delivery, an interrupted run, a lost lease), STATUS_CODE_UNSET for a refusal (the sender's fault, as a 4xx), STATUS_CODE_OK for every other completed processing.
             * @enum {string}
             */
            status_code: "STATUS_CODE_UNSET" | "STATUS_CODE_OK" | "STATUS_CODE_ERROR";
            /** @description Epoch milliseconds. */
            start_time: number;
            /** @description Epoch milliseconds (the same instant). */
            end_time: number;
            resource: {
                attributes: Record<string, unknown>;
            };
            /** @description `dpl.core.processing_activity_id`, `dpl.core.data_subject_id` (the keyed pseudonym), `dpl.core.data_subject_id_type`, and `ketenpoort.*` for the rest of the record (seq, outcome, reason, exchange id, actor, counterparty, ..., prev_hash, hash). */
            attributes: Record<string, unknown>;
        };
        AuditExportPage: {
            items: components["schemas"]["LdvRecord"][];
            /** @description The checkpoints that sign records of this page. */
            checkpoints: components["schemas"]["AuditCheckpoint"][];
            /** @description Pass as `afterSeq` to get the next page; null at the end of the chain. */
            next: number | null;
            /** @description How many records the chain had when this page was read (the last is the record of this read); lets a client show its progress. */
            chainLength: number;
        };
        /** @description An Ed25519 public key (JWK). */
        SigningKey: {
            /** @constant */
            kty: "OKP";
            /** @constant */
            crv: "Ed25519";
            x: string;
            kid: string;
            /** @constant */
            alg?: "EdDSA";
            /** @constant */
            use?: "sig";
        };
    };
    responses: {
        /** @description The calling party or staff member is over its rate limit for this route (`rate-limited`; config `rateLimits`, a token bucket per principal and route). Nothing was done; retry after `Retry-After` seconds. */
        TooManyRequests: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 429;
                    /** @constant */
                    code?: "rate-limited";
                };
            };
        };
        /** @description Allowed and queued for delivery. The body carries the exchange id and the decision it rests on. */
        SubmitAccepted: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                Location: components["headers"]["Location"];
                "Exchange-Id": components["headers"]["ExchangeId"];
                "Ijw-Message-Type": components["headers"]["IjwMessageType"];
                "Ijw-Retour": components["headers"]["IjwRetour"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["SubmitAccepted"];
                "application/xml": components["schemas"]["IjwRetourXml"];
            };
        };
        /** @description The body is not JSON (`invalid-json`), does not satisfy the envelope or the message type's schema or rules (`invalid-input`, every error listed in `errors` with its JSON pointer and, for iJw, the rule code and retourcode), or names a message type the gateway does not know (`unknown-message-type`). */
        InvalidSubmission: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                "Ijw-Message-Type": components["headers"]["IjwMessageType"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 400;
                    /** @enum {unknown} */
                    code?: "invalid-json" | "invalid-input" | "unknown-message-type";
                };
                "application/xml": components["schemas"]["IjwRetourXml"];
            };
        };
        /** @description A query parameter is invalid (`invalid-input`, every error listed in `errors`). */
        InvalidQuery: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 400;
                    /** @constant */
                    code?: "invalid-input";
                };
            };
        };
        /** @description No bearer token (`unauthenticated`), a token that fails verification (`invalid-token`; also a key past its notAfter, or the JWKS at the party's jwksUri cannot be fetched and none is cached), or a token of a party disabled at this gateway (`party-disabled`). */
        Unauthorized: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 401;
                    /** @enum {unknown} */
                    code?: "unauthenticated" | "invalid-token" | "party-disabled";
                };
            };
        };
        /** @description The caller's role may not use this operation (`forbidden`): agency routes are for party tokens; staff roles (privacy officer, operator, admin) have their own routes. */
        Forbidden: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 403;
                    /** @constant */
                    code?: "forbidden";
                };
            };
        };
        /** @description The caller's role may not ask (`forbidden`: operators), or an agency names another sender than itself (`sender-mismatch`: an agency explains its own exchanges only). */
        ExplainForbidden: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 403;
                    /** @enum {unknown} */
                    code?: "sender-mismatch" | "forbidden";
                };
            };
        };
        /** @description The caller is not an agency system (`forbidden`: staff roles do not submit), the envelope names another sender than the token (`sender-mismatch`), or the policy refuses the exchange (`policy-denied`). A refusal is recorded in the audit log and carries the refused exchange's id, the machine-readable reason and, when a rule applied, the rule. */
        SubmitForbidden: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                "Exchange-Id": components["headers"]["ExchangeId"];
                "Ijw-Message-Type": components["headers"]["IjwMessageType"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 403;
                    /** @enum {unknown} */
                    code?: "sender-mismatch" | "policy-denied" | "forbidden";
                };
                "application/xml": components["schemas"]["IjwRetourXml"];
            };
        };
        /** @description The `Idempotency-Key` was used before with another body (`idempotency-conflict`), or a request with the same key is still being processed (`idempotency-in-progress`). */
        IdempotencyConflict: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @enum {unknown} */
                    code?: "idempotency-conflict" | "idempotency-in-progress";
                };
            };
        };
        /** @description The `Idempotency-Key` was used before with another body (`idempotency-conflict`), or a request with the same key is still being processed (`idempotency-in-progress`); or (`conflict`) an iJw retour answers a heen message the gateway has already answered on the sender's behalf (the sender's party setting `ijwRetour` is `gateway`), so it is not forwarded. */
        SubmitConflict: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @enum {unknown} */
                    code?: "idempotency-conflict" | "idempotency-in-progress" | "conflict";
                };
            };
        };
        /** @description The request did not arrive in time (`request-timeout`): the body it declares (Content-Length or chunked) sent nothing for `gateway.bodyTimeoutMs` (default 20 s), the whole request took longer than `gateway.requestTimeoutMs` (default 300 s), or the headers took longer than `gateway.headersTimeoutMs` (default 20 s). The connection is closed. */
        RequestTimeout: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 408;
                    /** @constant */
                    code?: "request-timeout";
                };
            };
        };
        /** @description The request line and headers are larger than the server accepts (`headers-too-large`); any operation can get it. Written by the HTTP layer before routing: no `instance`. The connection is closed. */
        HeadersTooLarge: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 431;
                    /** @constant */
                    code?: "headers-too-large";
                };
            };
        };
        /** @description The request is not well-formed HTTP/1.1 (`malformed-request`): a malformed request line, Content-Length and Transfer-Encoding that conflict or repeat, characters a header may not hold. Any operation can get it. Written by the HTTP layer before routing: no `instance`, and nothing of the request is quoted. The connection is closed. */
        MalformedRequest: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 400;
                    /** @constant */
                    code?: "malformed-request";
                };
            };
        };
        /** @description The body exceeds the configured size limit (`payload-too-large`). */
        PayloadTooLarge: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 413;
                    /** @constant */
                    code?: "payload-too-large";
                };
            };
        };
        /** @description The body has a content type the operation does not accept (`unsupported-media-type`). */
        UnsupportedMediaType: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 415;
                    /** @constant */
                    code?: "unsupported-media-type";
                };
            };
        };
        /** @description The receiver is not a party in the registry (`unknown-receiver`). */
        UnknownReceiver: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                "Ijw-Message-Type": components["headers"]["IjwMessageType"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 422;
                    /** @constant */
                    code?: "unknown-receiver";
                };
                "application/xml": components["schemas"]["IjwRetourXml"];
            };
        };
        /** @description The receiver is not a party in the registry (`unknown-receiver`) or is disabled at this gateway (`receiver-disabled`), the receiver's system cannot take this message type (`receiver-cannot-carry`: its adapter has no mapping for it, or the party's configuration lists the types it takes and this is not one; refused before any 202, since a 202 promises delivery), or the message breaks an iJw process rule of the care path in strict mode (`care-path-rule`: each violation in `errors` with its pointer into the message, the rule code and its iJw retourcode; nothing of the message is kept or delivered). As XML (Accept: application/xml), the iJw retour with those retourcodes. */
        SubmitUnprocessable: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                "Ijw-Message-Type": components["headers"]["IjwMessageType"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 422;
                    /** @enum {unknown} */
                    code?: "unknown-receiver" | "receiver-disabled" | "receiver-cannot-carry" | "care-path-rule";
                };
                "application/xml": components["schemas"]["IjwRetourXml"];
            };
        };
        /** @description Nothing was accepted: the audit record could not be written (`audit-write-failed`; the gateway fails closed), the store is unavailable (`store-unavailable`), the gateway is shutting down (`shutting-down`), or the delivery queue passed a back-pressure threshold (`overloaded`: more pending deliveries than `backPressure.maxPendingDeliveries`, or an oldest pending delivery older than `backPressure.maxOldestPendingSeconds`; always with `Retry-After`). Safe to retry, preferably with the same `Idempotency-Key`. */
        SubmitUnavailable: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 503;
                    /** @enum {unknown} */
                    code?: "audit-write-failed" | "store-unavailable" | "shutting-down" | "overloaded";
                };
            };
        };
        /** @description The body is not JSON (`invalid-json`) or does not satisfy the request's schema and rules (`invalid-input`, every error listed in `errors` with its JSON pointer). Nothing was written. */
        InvalidBody: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 400;
                    /** @enum {unknown} */
                    code?: "invalid-json" | "invalid-input";
                };
            };
        };
        /** @description The resource is not in a state that allows this (`conflict`), e.g. a consent already revoked or an override already reviewed. */
        Conflict: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @constant */
                    code?: "conflict";
                };
            };
        };
        /** @description Nothing to show (`not-found`): the resource is unknown or not visible to the caller (the two are not told apart). Also the answer for any path this document does not describe. */
        NotFound: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 404;
                    /** @constant */
                    code?: "not-found";
                };
            };
        };
        /** @description The path exists but not with this method (`method-not-allowed`). The answer for every method this document does not list for a path; `Allow` names the methods it does list. */
        MethodNotAllowed: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                Allow: components["headers"]["Allow"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 405;
                    /** @constant */
                    code?: "method-not-allowed";
                };
            };
        };
        /** @description The `Accept` header rules out every media type the operation can answer with (`not-acceptable`). */
        NotAcceptable: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 406;
                    /** @constant */
                    code?: "not-acceptable";
                };
            };
        };
        /** @description An unexpected error (`internal`). The detail is logged, never returned. */
        InternalError: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 500;
                    /** @constant */
                    code?: "internal";
                };
            };
        };
        /** @description The name is taken (`schedule-name-taken`), the schedule is running and runs never overlap (`schedule-running`), or the delivery is no longer a dead letter (`replay-not-possible`). */
        OperatorConflict: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @enum {unknown} */
                    code?: "schedule-name-taken" | "schedule-running" | "replay-not-possible";
                };
            };
        };
        /** @description The gateway is shutting down (`shutting-down`); try again on another instance or later. */
        ShuttingDown: {
            headers: {
                "API-Version": components["headers"]["ApiVersion"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 503;
                    /** @constant */
                    code?: "shutting-down";
                };
            };
        };
    };
    parameters: {
        /** @description The opaque cursor from the previous page's `next`. */
        NextCursor: string;
        ReceiverParty: components["schemas"]["PartyId"];
        /**
         * @description The exchange id (as returned by `submitExchange`).
         * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
         */
        ExchangeIdPath: string;
        /** @description The consent id (as returned by `registerConsent`). */
        ConsentIdPath: string;
        /** @description Cursor; use the `next` of the previous page. */
        AfterId: string;
        /** @description Only reviews with this status. */
        ReviewStatus: "pending" | "justified" | "not-justified";
        /** @description The largest number of items to return. */
        PageLimit: number;
        /** @description Cursor: return only exchanges older than the exchange with this id. Use the `next` of the previous page. */
        Before: string;
        /** @description Also list items that were already acknowledged (their messages are gone). */
        IncludeAcknowledged: boolean;
        /** @description Only the records about this exchange. */
        AuditExchangeId: string;
        /** @description Cursor, return only records with a `seq` greater than this. */
        AfterSeq: number;
        /** @description The largest number of records to return. */
        AuditLimit: number;
        /**
         * @description A key chosen by the client, unique per request it means. Repeating a request with the same key and the same body returns the first answer again (status and body). The same key with a different body is refused with 409 `idempotency-conflict`; while the first request with the key is still being processed, a duplicate gets 409 `idempotency-in-progress`. Keys are scoped to the authenticated party.
         * @example 4b0a6f9e-submit-0001
         */
        IdempotencyKey: string;
        /**
         * @description W3C Trace Context. The gateway continues the trace, records its trace id in the audit log and passes it on to the receiver.
         * @example 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
         */
        Traceparent: string;
        /** @description The schedule id. */
        ScheduleIdPath: string;
        /** @description The run id. */
        RunIdPath: string;
        /** @description The largest number of runs to return. */
        RunLimit: number;
        /** @description Cursor, return only runs older than this run (the `next` of the previous page). */
        RunBefore: string;
        /** @description The largest number of dead letters to return. */
        DeadLetterLimit: number;
        /** @description Only the dead letters for this receiving party. */
        DeadLetterReceiver: components["schemas"]["PartyId"];
        /** @description Cursor, return only dead letters after this exchange id (the `next` of the previous page). */
        DeadLetterAfter: string;
        /** @description Cursor, return only records with a `seq` greater than this (default 0, the start). */
        ExportAfterSeq: number;
        /** @description The largest number of records to return. */
        ExportLimit: number;
        /** @description Return only checkpoints with a `seq` from this on. */
        FromSeq: number;
        /** @description The largest number of checkpoints to return. */
        CheckpointLimit: number;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The version of this API that produced the response (semantic versioning).
         * @example 1.0.0
         */
        ApiVersion: string;
        /**
         * @description The URL of the new exchange (`GET /v1/exchanges/{exchangeId}`).
         * @example /v1/exchanges/2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
         */
        Location: string;
        /**
         * @description The URL of the new consent (`GET /v1/consents/{consentId}`).
         * @example /v1/consents/8d1f2c3a-0b4e-4c5d-9e6f-7a8b9c0d1e2f
         */
        ConsentLocation: string;
        /**
         * @description The methods the path supports.
         * @example GET, POST
         */
        Allow: string;
        /** @description The exchange id, on an iJw retour answer (`application/xml`), whose body cannot carry it. */
        ExchangeId: string;
        /** @description On a 202 to a sender that asked for XML, `receiver` says that the receiver writes the retour itself (its party setting `ijwRetour`), so this is a plain acknowledgement and the receiver's retour follows as a message of its own. */
        IjwRetour: "receiver";
        /**
         * @description The iJw message type of an `application/xml` answer (the retour, e.g. `JW316`).
         * @example JW316
         */
        IjwMessageType: string;
        /**
         * @description Seconds after which the request may be retried.
         * @example 5
         */
        RetryAfter: string;
        /**
         * @description The authentication challenge (RFC 6750), e.g. `Bearer error="invalid_token"`.
         * @example Bearer realm="ketenpoort", error="invalid_token"
         */
        WWWAuthenticate: string;
        /** @description The URL of the new schedule (`GET /v1/schedules/{scheduleId}`). */
        ScheduleLocation: string;
        /** @description The URL of the run (`GET /v1/schedules/{scheduleId}/runs/{runId}`). */
        RunLocation: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listExchanges: {
        parameters: {
            query?: {
                /** @description The largest number of items to return. */
                limit?: components["parameters"]["PageLimit"];
                /** @description Cursor: return only exchanges older than the exchange with this id. Use the `next` of the previous page. */
                before?: components["parameters"]["Before"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of exchanges. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExchangeList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    submitExchange: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key chosen by the client, unique per request it means. Repeating a request with the same key and the same body returns the first answer again (status and body). The same key with a different body is refused with 409 `idempotency-conflict`; while the first request with the key is still being processed, a duplicate gets 409 `idempotency-in-progress`. Keys are scoped to the authenticated party.
                 * @example 4b0a6f9e-submit-0001
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /**
                 * @description W3C Trace Context. The gateway continues the trace, records its trace id in the audit log and passes it on to the receiver.
                 * @example 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
                 */
                traceparent?: components["parameters"]["Traceparent"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "messageType": "JW315",
                 *       "receiver": "gemeente-utrecht",
                 *       "purpose": "toewijzing-aanvragen",
                 *       "subject": {
                 *         "bsn": "999999990",
                 *         "birthDate": "2014-05-01"
                 *       },
                 *       "message": {}
                 *     }
                 */
                "application/json": components["schemas"]["Envelope"];
                /**
                 * @example <?xml version="1.0" encoding="UTF-8"?>
                 *     <jw315:Bericht xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema" xmlns:jw315="http://www.istandaarden.nl/ijw/3_2/jw315/schema">
                 *       <jw315:Header>…</jw315:Header>
                 *       <jw315:Client>…</jw315:Client>
                 *     </jw315:Bericht>
                 */
                "application/xml": string;
            };
        };
        responses: {
            202: components["responses"]["SubmitAccepted"];
            400: components["responses"]["InvalidSubmission"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["SubmitForbidden"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["SubmitConflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["SubmitUnprocessable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["SubmitUnavailable"];
        };
    };
    getExchange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The exchange. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Exchange"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getExchangeReceipt: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The receipt. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditReceipt"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listInbox: {
        parameters: {
            query?: {
                /** @description The largest number of items to return. */
                limit?: components["parameters"]["PageLimit"];
                /** @description Also list items that were already acknowledged (their messages are gone). */
                includeAcknowledged?: components["parameters"]["IncludeAcknowledged"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The inbox items (without their messages). */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getInboxItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The inbox item with its (minimised) message. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InboxItem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    acknowledgeInboxItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Acknowledged. No body. */
            204: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listSignals: {
        parameters: {
            query?: {
                status?: components["schemas"]["SignalStatus"];
                kind?: string;
                rule?: string;
                /** @description The child's pseudonym (as in the audit log), never a BSN. */
                subject?: string;
                limit?: number;
                /** @description The `next` of the previous page. */
                next?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of signals. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignalList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    acknowledgeSignal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                signalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    note: string;
                };
            };
        };
        responses: {
            /** @description The signal, acknowledged. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Signal"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Your subscriptions, oldest first. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    createSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubscriptionCreate"];
            };
        };
        responses: {
            /** @description Subscribed; the secret is shown this once. */
            201: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedSubscription"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                subscriptionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. No body. */
            204: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listAudit: {
        parameters: {
            query?: {
                /** @description Only the records about this exchange. */
                exchangeId?: components["parameters"]["AuditExchangeId"];
                /** @description Cursor, return only records with a `seq` greater than this. */
                afterSeq?: components["parameters"]["AfterSeq"];
                /** @description The largest number of records to return. */
                limit?: components["parameters"]["AuditLimit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of audit records. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    verifyAuditChain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The outcome of the verification (also when the chain is broken). */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChainVerification"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listConsents: {
        parameters: {
            query?: {
                /** @description The largest number of items to return. */
                limit?: components["parameters"]["PageLimit"];
                /** @description Cursor; use the `next` of the previous page. */
                after?: components["parameters"]["AfterId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of consents. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    registerConsent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConsentRegistration"];
            };
        };
        responses: {
            /** @description Registered. */
            201: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    Location: components["headers"]["ConsentLocation"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentRegistrationResult"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The consent id (as returned by `registerConsent`). */
                consentId: components["parameters"]["ConsentIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The consent. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Consent"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    revokeConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The consent id (as returned by `registerConsent`). */
                consentId: components["parameters"]["ConsentIdPath"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ConsentRevocationRequest"];
            };
        };
        responses: {
            /** @description Revoked. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevocationResult"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    registerRegie: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegieRegistration"];
            };
        };
        responses: {
            /** @description Done. */
            201: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegieHolder"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    lookUpRegie: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BsnLookup"];
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegieLookup"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    proposeRegieHandover: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegieHandoverRequest"];
            };
        };
        responses: {
            /** @description Done. */
            201: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegieHandover"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    decideRegieHandover: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                handoverId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegieHandoverDecision"];
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegieHandover"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    endRegie: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegieEnd"];
            };
        };
        responses: {
            /** @description Done. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegieEnded"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    readConsentLog: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BsnLookup"];
            };
        };
        responses: {
            /** @description The consent log. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentLog"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    searchAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["AuditSearch"];
            };
        };
        responses: {
            /** @description One page of audit records. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditList"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listConsentOverview: {
        parameters: {
            query: {
                list: "expiring" | "revoked";
                /** @description The window in days (default 30). */
                days?: number;
                /** @description The largest number of items to return. */
                limit?: components["parameters"]["PageLimit"];
                /** @description The opaque cursor from the previous page's `next`. */
                next?: components["parameters"]["NextCursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentOverviewPage"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    readDecisionStatistics: {
        parameters: {
            query?: {
                from?: string;
                to?: string;
                /** @description Only this sending party. */
                party?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The series. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionStatistics"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listOverrideReviews: {
        parameters: {
            query?: {
                /** @description Only reviews with this status. */
                status?: components["parameters"]["ReviewStatus"];
                /** @description The largest number of items to return. */
                limit?: components["parameters"]["PageLimit"];
                /** @description Cursor; use the `next` of the previous page. */
                after?: components["parameters"]["AfterId"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of reviews. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    reviewOverride: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewVerdict"];
            };
        };
        responses: {
            /** @description The review with its verdict. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Review"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    verifyAuditChainAsPrivacyOfficer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The outcome of the verification (also when the chain is broken). */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChainVerification"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    exportSubjectAccess: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BsnLookup"];
            };
        };
        responses: {
            /** @description The export. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubjectAccessExport"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    explainPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Envelope"];
            };
        };
        responses: {
            /** @description The explanation. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyExplanation"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ExplainForbidden"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnknownReceiver"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getWaitingTimes: {
        parameters: {
            query?: {
                /**
                 * @description Only this gemeente (CBS code), or `*` for the totals over all gemeenten.
                 * @example 0384
                 */
                gemeente?: string;
                /**
                 * @description Only this aanbieder (AGB code), or `*` for the totals.
                 * @example 42420001
                 */
                aanbieder?: string;
                /**
                 * @description Only this product category (iJw JZ020), or `*` for the totals.
                 * @example 45
                 */
                categorie?: string;
                /**
                 * @description The first month (inclusive).
                 * @example 2026-01
                 */
                from?: string;
                /**
                 * @description The last month (inclusive).
                 * @example 2026-12
                 */
                to?: string;
                /**
                 * @description One or more measures, comma separated (default all).
                 * @example request-answer,toewijzing-start
                 */
                measure?: string;
                /** @description `csv` for the CSV export (RFC 4180; one row per cell), else JSON. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The statistics the caller may see. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WaitingTimeStatistics"];
                    "text/csv": string;
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenApiDocument"];
                };
            };
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Liveness"];
                };
            };
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ready"];
                };
            };
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
            /** @description Not ready. */
            503: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotReady"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Metrics in the Prometheus text exposition format 0.0.4. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example # HELP ketenpoort_exchanges_total Exchanges submitted, by outcome.
                     *     # TYPE ketenpoort_exchanges_total counter
                     *     ketenpoort_exchanges_total{outcome="allowed"} 12
                     */
                    "text/plain; version=0.0.4; charset=utf-8": string;
                };
            };
            406: components["responses"]["NotAcceptable"];
            500: components["responses"]["InternalError"];
        };
    };
    exportAudit: {
        parameters: {
            query?: {
                /** @description Cursor, return only records with a `seq` greater than this (default 0, the start). */
                afterSeq?: components["parameters"]["ExportAfterSeq"];
                /** @description The largest number of records to return. */
                limit?: components["parameters"]["ExportLimit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the export. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditExportPage"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listAuditCheckpoints: {
        parameters: {
            query?: {
                /** @description Return only checkpoints with a `seq` from this on. */
                fromSeq?: components["parameters"]["FromSeq"];
                /** @description The largest number of checkpoints to return. */
                limit?: components["parameters"]["CheckpointLimit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of checkpoints, in seq order. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckpointList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getAuditSigningKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The public key. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SigningKey"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listSchedules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every schedule, by name, with its next runs and its last run. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    createSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "horizon-sync",
                 *       "cron": "*\/5 * * * *",
                 *       "jobKind": "pull-sync",
                 *       "params": {
                 *         "party": "zorgaanbieder-horizon"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["ScheduleCreate"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    Location: components["headers"]["ScheduleLocation"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["OperatorConflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The schedule. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    deleteSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. No body. */
            204: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["OperatorConflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    changeSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SchedulePatch"];
            };
        };
        responses: {
            /** @description The changed schedule. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["OperatorConflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    pauseSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The paused schedule. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    resumeSchedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The resumed schedule. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Schedule"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listScheduleRuns: {
        parameters: {
            query?: {
                /** @description The largest number of runs to return. */
                limit?: components["parameters"]["RunLimit"];
                /** @description Cursor, return only runs older than this run (the `next` of the previous page). */
                before?: components["parameters"]["RunBefore"];
            };
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of runs. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleRunList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    runScheduleNow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run has started. */
            202: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    Location: components["headers"]["RunLocation"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleRun"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            409: components["responses"]["OperatorConflict"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ShuttingDown"];
        };
    };
    getScheduleRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The schedule id. */
                scheduleId: components["parameters"]["ScheduleIdPath"];
                /** @description The run id. */
                runId: components["parameters"]["RunIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleRun"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listDeadLetters: {
        parameters: {
            query?: {
                /** @description The largest number of dead letters to return. */
                limit?: components["parameters"]["DeadLetterLimit"];
                /** @description Only the dead letters for this receiving party. */
                receiver?: components["parameters"]["DeadLetterReceiver"];
                /** @description Cursor, return only dead letters after this exchange id (the `next` of the previous page). */
                after?: components["parameters"]["DeadLetterAfter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of dead letters. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeadLetterList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    replayDeadLetters: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplayRequest"];
            };
        };
        responses: {
            /** @description The outcome of each replay. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplayResults"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    discardDeadLetter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The exchange id (as returned by `submitExchange`).
                 * @example 2f1c7c1e-8a4e-4f7b-9a51-3a1c2b7d9e10
                 */
                exchangeId: components["parameters"]["ExchangeIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DiscardRequest"];
            };
        };
        responses: {
            /** @description Discarded. No body. */
            204: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["OperatorConflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listOperatorExchanges: {
        parameters: {
            query?: {
                status?: components["schemas"]["ExchangeStatus"];
                sender?: components["schemas"]["PartyId"];
                receiver?: components["schemas"]["PartyId"];
                messageType?: string;
                /** @description The refusal or failure reason code (e.g. `no-legal-basis`). */
                reason?: string;
                /** @description Created at or after (a date, or an ISO 8601 time with its zone). */
                from?: string;
                /** @description Created before (a date, or an ISO 8601 time with its zone). */
                to?: string;
                limit?: number;
                /** @description The opaque cursor from the previous page's `next`. */
                next?: components["parameters"]["NextCursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the log. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorExchangeList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getOperatorExchange: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                exchangeId: components["schemas"]["ExchangeId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The exchange and its history. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorExchangeHistory"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listReceivers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The receivers. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiverList"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getReceiver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                party: components["parameters"]["ReceiverParty"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The receiver. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiverStatus"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    pauseReceiver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                party: components["parameters"]["ReceiverParty"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Why (shown to other operators); no personal data, never a BSN. */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description The receiver, paused. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiverStatus"];
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    resumeReceiver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                party: components["parameters"]["ReceiverParty"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The receiver, resumed. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiverStatus"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    reloadConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file was loaded; `outcome` is `unchanged` when it holds nothing new. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfigReloaded"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /** @description The file was not loaded (`config-reload-refused`); `errors` lists every problem with its pointer into the file. The running configuration is unchanged. */
            422: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        code?: "config-reload-refused";
                        /** @constant */
                        status?: 422;
                    };
                };
            };
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    getTrafficStatistics: {
        parameters: {
            query?: {
                window?: "hour" | "day";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TrafficStatistics"];
                };
            };
            400: components["responses"]["InvalidQuery"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    subjectAccessReport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubjectAccessReportRequest"];
            };
        };
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    "Content-Disposition": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "text/html": string;
                };
            };
            400: components["responses"]["InvalidBody"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            406: components["responses"]["NotAcceptable"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    consoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session, or how to sign in. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSession"];
                };
            };
            405: components["responses"]["MethodNotAllowed"];
            500: components["responses"]["InternalError"];
        };
    };
    consoleSignIn: {
        parameters: {
            query?: {
                /** @description A path under /console to return to after sign-in; anything else means /console/. */
                returnTo?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description To the provider (or back to the sign-in page with the reason it could not start). */
            303: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    Location: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    consoleSignInCallback: {
        parameters: {
            query?: {
                code?: string;
                state?: string;
                iss?: string;
                error?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed in (to the page the sign-in started from), or back to the sign-in page with the reason. */
            303: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    Location: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalError"];
        };
    };
    consoleDemoSignIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    staffId: string;
                };
            };
        };
        responses: {
            /** @description Signed in; the session cookie is set. */
            204: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["InvalidBody"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            415: components["responses"]["UnsupportedMediaType"];
            500: components["responses"]["InternalError"];
        };
    };
    consoleSignOut: {
        parameters: {
            query?: never;
            header: {
                "X-CSRF-Token": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out. */
            200: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uri */
                        endSessionUrl?: string;
                    };
                };
            };
            /** @description No live console session (`unauthenticated`). */
            401: {
                headers: {
                    "API-Version": components["headers"]["ApiVersion"];
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"] & {
                        /** @constant */
                        status?: 401;
                        /** @constant */
                        code?: "unauthenticated";
                    };
                };
            };
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalError"];
        };
    };
}
