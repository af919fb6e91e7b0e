// The .po import form (web/templates/translations_import.mustache): the chosen file's text is put
// into the form's text field, so the form sends it as any other; without script, people paste it.
'use strict';
const pofile = document.getElementById('po-file');
if (pofile) pofile.addEventListener('change', async () => {
  const f = pofile.files[0];
  if (f) document.getElementById('po').value = await f.text();
});
