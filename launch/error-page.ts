// The page shown when a launch fails: what went wrong and what to do, as plain
// text (never HTML, never a stack trace), with focus on the heading so that a
// screen reader announces it.

import type { LaunchError } from '../src/launch-context/launch-errors';

export function showLaunchError(error: LaunchError, root: HTMLElement = appRoot()): void {
  document.title = `${error.title} - Care record`;
  const heading = element('h1', error.title);
  heading.tabIndex = -1;
  const parts: HTMLElement[] = [heading, element('p', error.message), actionParagraph(error.action)];
  if (error.details.length > 0) parts.push(...detailsSection(error.details));
  parts.push(element('p', `Reference ${error.code}`, 'launch-reference'));
  const section = document.createElement('section');
  section.className = 'launch-error';
  section.setAttribute('aria-labelledby', 'launch-error-title');
  heading.id = 'launch-error-title';
  section.append(...parts);
  root.replaceChildren(section);
  root.removeAttribute('aria-busy');
  heading.focus();
}

function actionParagraph(action: string): HTMLElement {
  const paragraph = element('p', '', 'launch-action');
  paragraph.append(element('strong', 'What to do'), document.createElement('br'), action);
  return paragraph;
}

function detailsSection(details: string[]): HTMLElement[] {
  const list = document.createElement('ul');
  list.append(...details.map((detail) => element('li', detail)));
  return [element('h2', 'Details for your IT service desk'), list];
}

function element(tag: string, text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

function appRoot(): HTMLElement {
  return document.getElementById('app') ?? document.body;
}
