/**
 * The demo customers loaded on first start in development, listed in the README
 * so that anyone can create an account or log in with eHerkenning. The numbers
 * are made up; KvK numbers starting with 9000 are not in use.
 */
export const demoCustomers = [
  {
    policy_number: 'ZP100001',
    company_name: 'Bakkerij De Korenbloem',
    kvk_number: '90000001',
    vestigingsnummer: '000090000011',
    product_lines: 'business-package|disability',
  },
  {
    policy_number: 'ZP100002',
    company_name: 'Installatiebedrijf Van Dam',
    kvk_number: '90000002',
    vestigingsnummer: '000090000022',
    product_lines: 'business-package|employee-benefits|vehicles',
  },
  {
    policy_number: 'ZP100003',
    company_name: 'Praktijk Fysio Oost',
    kvk_number: '90000003',
    vestigingsnummer: '000090000033',
    product_lines: 'disability|liability',
  },
  {
    policy_number: 'ZP100004',
    company_name: 'Transport Noord B.V.',
    kvk_number: '90000004',
    vestigingsnummer: '000090000044',
    product_lines: 'employee-benefits|vehicles',
  },
  {
    policy_number: 'ZP100005',
    company_name: 'Atelier Zonder KvK',
    kvk_number: '90000005',
    vestigingsnummer: '',
    product_lines: 'business-package',
  },
];
