/** The scripted model lives in core (the CLI offers it as `scripted:DIR`); tests import it from here. */
export { fixturePath, ScriptedModel } from '../../src/core/model/scriptedProvider';
