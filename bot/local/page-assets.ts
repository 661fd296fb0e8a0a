// The chat page's script and style sheet, served as files so the page needs no inline code (CSP).

/** Web Chat's look, close to Teams so the cards read as they will there. */
const STYLE_OPTIONS = {
  accent: '#5b5fc7',
  botAvatarInitials: 'PMO',
  userAvatarInitials: 'You',
  bubbleBorderRadius: 8,
  bubbleMaxWidth: 640,
  bubbleFromUserBorderRadius: 8,
  bubbleFromUserBackground: '#e8ebfa',
  hideUploadButton: true,
  sendBoxTextWrap: true,
};

export const CHAT_STYLE = `html, body { height: 100%; margin: 0; font-family: 'Segoe UI', system-ui, sans-serif; background: #f5f5f5; }
body { display: flex; flex-direction: column; }
header { padding: 12px 20px; background: #5b5fc7; color: #fff; }
header h1 { margin: 0; font-size: 18px; font-weight: 600; }
header p { margin: 2px 0 0; font-size: 13px; opacity: .9; }
main { flex: 1; min-height: 0; display: flex; justify-content: center; }
#webchat { width: 100%; max-width: 900px; height: 100%; background: #fff; }
/* Web Chat squeezes buttons in an auto-width column (the confirmation's Edit) to an ellipsis. */
#webchat .ac-columnSet .ac-pushButton { min-width: 64px; }
#problem { display: none; padding: 16px 20px; color: #a4262c; }
`;

export const CHAT_SCRIPT = `(function () {
  var problem = document.getElementById('problem');
  if (!window.WebChat) {
    problem.style.display = 'block';
    problem.textContent = 'Web Chat did not load from /webchat/webchat.js; is botframework-webchat installed (npm ci)?';
    return;
  }
  // The page's CSP allows Web Chat's run-time <style> elements by this nonce.
  var nonce = document.currentScript && document.currentScript.nonce;
  // One person per browser: the id is kept so your items stay yours across reloads.
  var userID = localStorage.getItem('pmo.localUserId');
  if (!userID) {
    userID = 'local-' + Math.random().toString(36).slice(2, 10);
    localStorage.setItem('pmo.localUserId', userID);
  }
  var directLine = window.WebChat.createDirectLine({
    domain: location.origin + '/v3/directline',
    token: 'local',
    webSocket: false,
    pollingInterval: 300
  });
  window.WebChat.renderWebChat({
    directLine: directLine,
    userID: userID,
    username: 'You',
    locale: 'en-GB',
    nonce: nonce,
    styleOptions: ${JSON.stringify(STYLE_OPTIONS)}
  }, document.getElementById('webchat'));
  document.querySelector('#webchat > *') && document.querySelector('#webchat').focus();
})();
`;
