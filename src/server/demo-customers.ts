/**
 * The demo customers loaded on first start in development, listed in the README
 * so that anyone can create an account or log in with eHerkenning. The numbers
 * are made up; KvK numbers starting with 9000 are not in use, and neither are
 * the postal codes 9991 AA to AE of the made-up town.
 */
export const demoCustomers = [
  {
    policy_number: 'ZP100001',
    company_name: 'Bakkerij De Korenbloem',
    kvk_number: '90000001',
    vestigingsnummer: '000090000011',
    product_lines: 'business-package|disability',
    street: 'Korenbloemstraat 12',
    postal_code: '9991 AA',
    city: 'Voorbeeldstad',
  },
  {
    policy_number: 'ZP100002',
    company_name: 'Installatiebedrijf Van Dam',
    kvk_number: '90000002',
    vestigingsnummer: '000090000022',
    product_lines: 'business-package|employee-benefits|vehicles',
    street: 'Ambachtsweg 4',
    postal_code: '9991 AB',
    city: 'Voorbeeldstad',
  },
  {
    policy_number: 'ZP100003',
    company_name: 'Praktijk Fysio Oost',
    kvk_number: '90000003',
    vestigingsnummer: '000090000033',
    product_lines: 'disability|liability',
    street: 'Oostplein 7',
    postal_code: '9991 AC',
    city: 'Voorbeeldstad',
  },
  {
    policy_number: 'ZP100004',
    company_name: 'Transport Noord B.V.',
    kvk_number: '90000004',
    vestigingsnummer: '000090000044',
    product_lines: 'employee-benefits|vehicles',
    street: 'Havenkade 30',
    postal_code: '9991 AD',
    city: 'Voorbeeldstad',
  },
  {
    policy_number: 'ZP100005',
    company_name: 'Atelier Lindeboom',
    kvk_number: '90000005',
    vestigingsnummer: '',
    product_lines: 'business-package',
    street: 'Atelierhof 2',
    postal_code: '9991 AE',
    city: 'Voorbeeldstad',
  },
];
