// The technical retour of each iJw heen message, the other way round (domain.md §1.2).

/** The heen message each retour answers. */
export const HEEN_OF_RETOUR: Readonly<Record<string, string>> = { JW302: 'JW301', JW306: 'JW305', JW308: 'JW307', JW316: 'JW315', JW318: 'JW317', JW320: 'JW319' };
