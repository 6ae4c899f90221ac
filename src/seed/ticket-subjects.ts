import { TicketCategory } from "../tickets/ticket.entity";
import { Product } from "./reference-data";
import { SeededRandom } from "./seeded-random";

type SubjectTemplate = (product: string, reference: number) => string;

/** What customers write in the subject line, per category. */
const subjectTemplates: Record<TicketCategory, readonly SubjectTemplate[]> = {
  [TicketCategory.QUESTION]: [
    (product) => `How do I set up the ${product}?`,
    (product) => `Question about the warranty of the ${product}`,
    () => "Where can I download our invoices?",
    () => "Can we change the delivery address for future orders?",
    () => "Question about our contract terms",
  ],
  [TicketCategory.REQUEST]: [
    () => "Please add a new user to our account",
    (product) => `Quote for 50 units of ${product}`,
    () => "Change of billing address",
    (product) => `Volume pricing for ${product}`,
    (_product, reference) => `Copy of invoice INV-${reference}`,
  ],
  [TicketCategory.INCIDENT]: [
    (product) => `${product} stopped working`,
    (product) => `${product} arrived damaged`,
    () => "Cannot log in to the customer portal",
    () => "Error when placing an order online",
    (product, reference) => `${product} shows error code E${reference % 1000}`,
  ],
  [TicketCategory.COMPLAINT]: [
    (_product, reference) => `Late delivery of order ${reference}`,
    (_product, reference) => `Charged twice for order ${reference}`,
    () => "Unhappy with the support we received",
    (product) => `${product} does not match its description`,
    () => "Delivery arrived with items missing",
    () => "Nobody answered our last three emails",
  ],
  [TicketCategory.RETURN]: [
    (product) => `Return request for ${product}`,
    (product) => `Wrong item delivered: ${product}`,
    (product) => `Return of unused ${product}`,
    (product) => `Refund for returned ${product}`,
  ],
};

export function drawSubject(random: SeededRandom, category: TicketCategory, products: readonly Product[]): string {
  const template = random.pick(subjectTemplates[category]);
  return template(random.pick(products).name, random.integerBetween(10_000, 99_999));
}
