import './index.css';
import './repl-link.css';
import './updates.css';
