'use strict'
// The skills page: list and search on the left, one skill's details on the right.

const $ = (id) => document.getElementById(id)

async function api (route, params) {
  const response = await fetch('/api/' + route + '?' + new URLSearchParams(params || {}))
  const data = await response.json()
  if (!response.ok) throw new Error(data.error || response.statusText)
  return data
}

function el (tag, text, cls) {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  if (cls) node.className = cls
  return node
}

function rate (skill) {
  return skill.success_rate === null ? 'unused' : Math.round(skill.success_rate * 100) + '% of ' + skill.used
}

function showList (title, skills) {
  $('list-title').textContent = title
  const list = $('skills')
  list.replaceChildren()
  for (const skill of skills) {
    const item = el('li')
    item.dataset.name = skill.name
    item.append(el('div', skill.name, 'name'))
    if (skill.score !== undefined) item.append(el('span', 'score ' + skill.score.toFixed(3) + ' · ', 'score'))
    item.append(el('span', 'v' + skill.version + ' · ' + rate(skill), 'small'))
    if (skill.summary) item.append(el('div', skill.summary, 'small'))
    item.addEventListener('click', () => openSkill(skill.name))
    list.append(item)
  }
}

async function loadAll () {
  const data = await api('skills')
  $('root').textContent = data.root
  showList(data.skills.length + ' skills', data.skills)
}

async function search (query) {
  if (!query.trim()) return loadAll()
  const data = await api('search', { q: query, k: 20 })
  showList('results for "' + data.query + '"', data.results)
}

function skillLink (name) {
  const link = el('a', name, 'skill-link')
  link.addEventListener('click', () => openSkill(name))
  return link
}

async function openSkill (name, version) {
  const params = { name }
  if (version) params.version = version
  const skill = await api('skill', params)
  for (const item of $('skills').children) item.classList.toggle('selected', item.dataset.name === name)
  $('empty').hidden = true
  $('detail').hidden = false
  $('skill-name').textContent = skill.name + ' v' + skill.version
  $('skill-meta').textContent = 'task: ' + (skill.task || '-') + ' · model: ' + (skill.model || '-') +
    ' · ' + rate(skill) + ' · created ' + (skill.created_at || '-')
  $('description').textContent = skill.description
  $('code').innerHTML = skill.code_html // server-side Pygments output: every code character escaped
  $('code').dataset.source = skill.code
  const versions = $('versions')
  versions.replaceChildren()
  for (const v of skill.versions) {
    const item = el('li')
    const link = el('a', 'v' + v.version, 'skill-link')
    link.addEventListener('click', () => openSkill(skill.name, v.version))
    item.append(link, el('span', (v.parent_version ? ' from v' + v.parent_version : ' first') +
      ' · ' + (v.task || '-') + ' · used ' + v.used + ', succeeded ' + v.succeeded))
    versions.append(item)
  }
  const calls = $('calls')
  calls.replaceChildren()
  for (const call of skill.calls) {
    const item = el('li')
    item.append(call.skill ? skillLink(call.name) : el('span', call.name + ' (primitive)'))
    calls.append(item)
  }
  const calledBy = $('called-by')
  calledBy.replaceChildren()
  for (const name of skill.called_by) {
    const item = el('li')
    item.append(skillLink(name))
    calledBy.append(item)
  }
}

$('search-form').addEventListener('submit', (event) => {
  event.preventDefault()
  search($('search').value).catch(showError)
})
$('show-all').addEventListener('click', () => { $('search').value = ''; loadAll().catch(showError) })

function showError (error) {
  $('list-title').textContent = 'error: ' + error.message
}

loadAll().catch(showError)
