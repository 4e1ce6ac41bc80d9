// ClinicFlow: a small single-page product that embeds Uptake exactly as a customer would.
// It calls identify/group once it knows who is signed in, and track() when staff use a feature.

const PAGES = {
  appointments: {
    title: 'Appointments',
    sub: 'Today at your clinic',
    action: { label: 'Book appointment', event: 'Appointment Booked', done: 'Appointment booked' },
    rows: [['09:00', 'Lena Fischer', 'Check-up'], ['09:30', 'Omar Aziz', 'Cleaning'], ['10:15', 'Mia Rossi', 'Follow-up'], ['11:00', 'Tom Becker', 'X-ray']],
    columns: ['Time', 'Patient', 'Reason'],
  },
  patients: {
    title: 'Patients',
    sub: 'Everyone your clinic cares for',
    action: { label: 'Add patient', event: 'Patient Added', done: 'Patient added' },
    rows: [['Lena Fischer', '2024-03-02', '+49 151 000 001'], ['Omar Aziz', '2023-11-18', '+49 151 000 002'], ['Mia Rossi', '2025-01-07', '+49 151 000 003']],
    columns: ['Name', 'Patient since', 'Phone'],
  },
  reminders: {
    title: 'Automated reminders',
    sub: 'Send every patient an SMS and email the day before their appointment',
    action: { label: 'Turn on automated reminders', event: 'Reminder Scheduled', done: 'Reminders are on for tomorrow’s appointments' },
    rows: [['SMS', '24 hours before', 'Off'], ['Email', '24 hours before', 'Off']],
    columns: ['Channel', 'When', 'Status'],
  },
  messages: {
    title: 'Messages',
    sub: 'Conversations with patients',
    action: { label: 'Send message', event: 'Message Sent', done: 'Message sent' },
    rows: [['Omar Aziz', 'Can I move my appointment?', 'Yesterday'], ['Mia Rossi', 'Thank you!', 'Monday']],
    columns: ['Patient', 'Last message', 'When'],
  },
  payments: {
    title: 'Payments',
    sub: 'Collect at the desk or send a payment link',
    action: { label: 'Collect payment', event: 'Payment Collected', done: 'Payment collected' },
    rows: [['Lena Fischer', '€80.00', 'Paid'], ['Tom Becker', '€120.00', 'Open']],
    columns: ['Patient', 'Amount', 'Status'],
  },
};

const STORAGE_KEY = 'clinicflow:user';
const page = document.getElementById('page');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

function currentPage() {
  const name = location.pathname.replace(/^\/demo\/?/, '').split('/')[0];
  return PAGES[name] ? name : 'appointments';
}

function render() {
  const name = currentPage();
  const def = PAGES[name];
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const button = el('button', { class: 'action', type: 'button', 'data-action': name }, def.action.label);
  button.addEventListener('click', () => {
    uptake.track(def.action.event, { page: name });
    toast(def.action.done);
  });
  const table = el('table', {},
    el('thead', {}, el('tr', {}, ...def.columns.map((c) => el('th', {}, c)))),
    el('tbody', {}, ...def.rows.map((r) => el('tr', {}, ...r.map((v) => el('td', {}, v))))));
  page.replaceChildren(el('h1', {}, def.title), el('p', { class: 'sub' }, def.sub), el('div', { class: 'card' }, button), el('div', { class: 'card' }, table));
  document.title = `${def.title} — ClinicFlow`;
}

function toast(text) {
  const node = el('div', { class: 'toast', role: 'status' }, text);
  document.body.append(node);
  setTimeout(() => node.remove(), 2500);
}

// Client-side navigation, like most SaaS front ends; Uptake notices the route change itself.
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[data-nav]');
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  history.pushState({}, '', link.getAttribute('href'));
  render();
  page.focus();
});
addEventListener('popstate', render);

async function signIn() {
  const { users } = await (await fetch('/demo/users.json')).json();
  // The first visit signs in as staff of a clinic that has not turned on reminders yet.
  const fallback = users.find((u) => !u.account.usesReminders) ?? users[0];
  // ?as=USER_ID signs in as that user, so a tester can share a link to what someone sees.
  const asked = new URLSearchParams(location.search).get('as');
  if (asked && users.some((u) => u.id === asked)) localStorage.setItem(STORAGE_KEY, asked);
  const user = users.find((u) => u.id === localStorage.getItem(STORAGE_KEY)) ?? fallback;
  const switcher = document.getElementById('user-switcher');
  switcher.replaceChildren(...users.map((u) =>
    el('option', { value: u.id }, `${u.name} · ${u.account.name}${u.account.usesReminders ? ' (uses reminders)' : ''}`)));
  switcher.value = user.id;
  switcher.addEventListener('change', () => {
    localStorage.setItem(STORAGE_KEY, switcher.value);
    uptake.reset();
    location.reload();
  });
  document.getElementById('clinic-name').textContent = user.account.name;

  const { account } = user;
  uptake.identify(user.id, { name: user.name, email: user.email, role: user.role });
  uptake.group(account.id, { name: account.name, industry: account.industry, plan: account.plan, seats: account.seats, contractStart: account.contractStart });
}

render();
signIn();
